namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What the ingestion workflow needs from whatever runs it: the Durable Functions adapter (over
/// TaskOrchestrationContext) in Azure, the local runner otherwise. The workflow itself must stay deterministic:
/// all I/O goes through <see cref="CallStepAsync{TInput, TOutput}"/> and all time through <see cref="CurrentUtcDateTime"/>.
/// </summary>
public interface IWorkflowContext
{
    /// <summary>Replay-safe clock: the same value every time the workflow is replayed to this point.</summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>True while a durable runner replays history; log only when false.</summary>
    bool IsReplaying { get; }

    /// <summary>
    /// Runs the step (an activity) at least once, retrying failures according to <paramref name="retry"/> except a
    /// <see cref="PermanentStepException"/>; a failure that outlasts them reaches the workflow as a <see cref="StepFailedException"/>.
    /// </summary>
    Task<TOutput> CallStepAsync<TInput, TOutput>(WorkflowStep<TInput, TOutput> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class;
}
