using MemoryFunctions.Core.Workflow;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Runs Core's workflow on a Durable Functions orchestration: each step is the activity of the row's name
/// (<see cref="IngestionActivities"/>), time is the orchestration's replay-safe clock, and a step that failed for good
/// reaches the workflow as the <see cref="StepFailedException"/> it left its activity as.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    // Durable's clock is a UTC DateTime replayed from history; SpecifyKind guards against an Unspecified kind.
    public DateTimeOffset CurrentUtcDateTime => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public bool IsReplaying => context.IsReplaying;

    public async Task<TOutput> CallStepAsync<TInput, TOutput>(WorkflowStep<TInput, TOutput> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(workflowStep);

        // Progress also goes to the orchestration's custom status, so the Durable management API shows it without a
        // store read. Setting it again on replay is harmless: only the value at the end of an episode is persisted.
        if (input is ProgressInput progress)
        {
            context.SetCustomStatus(new { progress.Phase, progress.Done, progress.Total });
        }

        try
        {
            return await context.CallActivityAsync<TOutput>(workflowStep.Name, input, DurableRetryPolicies.ToTaskOptions(retry));
        }
        catch (TaskFailedException failed)
        {
            throw Failure(failed.FailureDetails, failed);
        }
    }

    /// <summary>
    /// The failure as the workflow knows it. An activity's own failure left it as a <see cref="StepFailedException"/>, whose
    /// message is ours and kept; a failure before the step ran (an input the worker could not bind) is named by its type.
    /// Reads only the failure details recorded in history, so it is deterministic on replay.
    /// </summary>
    private static StepFailedException Failure(TaskFailureDetails details, TaskFailedException failed) =>
        details.IsCausedBy<PermanentStepException>() ? new PermanentStepException(details.ErrorMessage, failed)
        : details.IsCausedBy<StepFailedException>() ? new StepFailedException(details.ErrorMessage, failed)
        : new StepFailedException(details.ErrorType[(details.ErrorType.LastIndexOf('.') + 1)..], failed);
}
