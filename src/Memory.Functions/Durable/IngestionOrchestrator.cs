using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The ingestion orchestration: Core's <see cref="IngestionWorkflow"/> on the Durable runner, then the operation's
/// completion callback when it asked for one (<see cref="CompletionCallbackOrchestration"/>). Deterministic like the
/// workflow it runs (no injected services, clock or I/O here); the instance id is the operation id.
/// </summary>
public static class IngestionOrchestrator
{
    /// <summary>Orchestrator name; stable, because in-flight instances are replayed by name.</summary>
    public const string Name = "IngestionOrchestrator";

    [Function(Name)]
    public static async Task<IngestionWorkflowResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<IngestionWorkflowInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {nameof(IngestionWorkflowInput)}.");
        var logger = context.CreateReplaySafeLogger(typeof(IngestionOrchestrator));
        Log.OrchestrationStarted(logger, context.InstanceId);
        var result = await IngestionWorkflow.RunAsync(new DurableWorkflowContext(context), input);
        Log.OrchestrationFinished(logger, context.InstanceId, result.Status?.ToString() ?? "erased");
        if (result.Status is not null)
        {
            await CompletionCallbackOrchestration.DeliverAsync(context, input, logger);
        }

        return result;
    }
}
