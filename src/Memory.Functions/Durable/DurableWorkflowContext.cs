using MemoryFunctions.Core.Workflow;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Runs Core's workflow on a Durable Functions orchestration: each step is an activity of the same name
/// (<see cref="WorkflowSteps"/>), time is the orchestration's replay-safe clock, and a failed step surfaces as the
/// activity's own exception type (<see cref="ActivityFailures"/>), so the operation's error names it.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    // Durable's clock is a UTC DateTime replayed from history; SpecifyKind guards against an Unspecified kind.
    public DateTimeOffset CurrentUtcDateTime => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public bool IsReplaying => context.IsReplaying;

    public async Task<TResult> CallStepAsync<TInput, TResult>(string stepName, TInput input, StepRetryPolicy retry)
    {
        // Progress also goes to the orchestration's custom status, so the Durable management API shows it without a
        // store read. Setting it again on replay is harmless: only the value at the end of an episode is persisted.
        if (input is ProgressInput progress)
        {
            context.SetCustomStatus(new { progress.Phase, progress.Done, progress.Total });
        }

        try
        {
            return await context.CallActivityAsync<TResult>(stepName, input, DurableRetryPolicies.ToTaskOptions(retry));
        }
        catch (TaskFailedException failed)
        {
            throw ActivityFailures.Restore(failed);
        }
    }
}
