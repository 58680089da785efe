using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The ingestion orchestration's last part: when the operation ended and asked for a callback, deliver it with
/// <see cref="CallbackActivities"/>, retried by Durable (first wait <c>Memory:Callbacks:FirstRetryDelay</c>, doubling, up to
/// <c>MaxAttempts</c> attempts). A callback that is given up is logged; it never fails the orchestration, whose result
/// is the workflow's. Deterministic: the schedule comes from the plan activity's recorded answer.
/// </summary>
internal static class CompletionCallbackOrchestration
{
    private const double Backoff = 2.0;

    public static async Task DeliverAsync(TaskOrchestrationContext context, IngestionWorkflowInput input, ILogger logger)
    {
        var plan = await context.CallActivityAsync<CallbackPlan>(CallbackActivities.Plan, input);
        if (!plan.Send)
        {
            return;
        }

        var retry = new RetryPolicy(plan.MaxAttempts, plan.FirstRetryDelay, Backoff, TimeSpan.FromHours(1));
        try
        {
            await context.CallActivityAsync<string>(CallbackActivities.Deliver, input, TaskOptions.FromRetryPolicy(retry));
        }
        catch (TaskFailedException)
        {
            Log.CallbackGaveUp(logger, context.InstanceId, plan.MaxAttempts);
        }
    }
}
