using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The app's orchestrator function, registered with its typed input as the worker binds it (the function reads it
/// again through <c>GetInput</c>). <paramref name="onEpisode"/> sees every episode, replays included.
/// </summary>
internal sealed class FunctionOrchestrator(Action<TaskOrchestrationContext>? onEpisode) : TaskOrchestrator<IngestionWorkflowInput, IngestionWorkflowResult>
{
    public override Task<IngestionWorkflowResult> RunAsync(TaskOrchestrationContext context, IngestionWorkflowInput input)
    {
        onEpisode?.Invoke(context);
        return IngestionOrchestrator.RunAsync(context);
    }
}
