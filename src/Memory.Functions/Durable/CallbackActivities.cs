using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Http.Callbacks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The completion callback as Durable activities, after the ingestion workflow (<see cref="CompletionCallbackOrchestration"/>):
/// <see cref="Plan"/> says whether the operation asked for one and how hard to try (its answer is recorded in the history,
/// so replays decide the same), <see cref="Deliver"/> makes one attempt with the local server's
/// <see cref="CompletionCallbackSender"/> and throws when it failed, so the orchestration's retry policy tries again on
/// durable timers: pending deliveries survive a restart of the app. Activities run at least once: a receiver may see a
/// notice twice, with the same <c>Memory-Delivery</c> id.
/// </summary>
public static class CallbackActivities
{
    public const string Plan = "Callback_Plan";
    public const string Deliver = "Callback_Deliver";

    /// <summary>Every activity name of the callback, for the tests that hold the declared functions to their tables.</summary>
    public static IReadOnlyList<string> Names { get; } = [Plan, Deliver];

    [Function(Plan)]
    public static async Task<CallbackPlan> PlanAsync([ActivityTrigger] IngestionWorkflowInput input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var sender = context.InstanceServices.GetService<CompletionCallbackSender>();
        if (sender is null)
        {
            return CallbackPlan.None;
        }

        var operation = await context.InstanceServices.GetRequiredService<Core.Operations.IOperationStore>().GetAsync(input.Partition, input.OperationId, context.CancellationToken);
        return operation?.Request.CallbackUrl is null ? CallbackPlan.None : new CallbackPlan(true, sender.Settings.MaxAttempts, sender.Settings.FirstRetryDelay);
    }

    /// <summary>One attempt; the outcome's name when nothing more is to be done, an exception when it is worth another.</summary>
    [Function(Deliver)]
    public static async Task<string> DeliverAsync([ActivityTrigger] IngestionWorkflowInput input, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var attempt = await context.InstanceServices.GetRequiredService<CompletionCallbackSender>().SendAsync(input.Partition, input.OperationId, context.CancellationToken);
        return attempt.Outcome == CallbackOutcome.Failed
            ? throw new CallbackNotDeliveredException($"Completion callback of operation {input.OperationId} not delivered: {attempt.Failure}.")
            : attempt.Outcome.ToString();
    }
}
