namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What the ingestion workflow needs from whatever runs it: the Durable Functions adapter (over
/// TaskOrchestrationContext) in Azure, the local runner otherwise. The workflow itself must stay deterministic:
/// all I/O goes through <see cref="CallStepAsync{TInput, TResult}"/> and all time through <see cref="CurrentUtcDateTime"/>.
/// </summary>
public interface IWorkflowContext
{
    /// <summary>Replay-safe clock: the same value every time the workflow is replayed to this point.</summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>True while a durable runner replays history; log only when false.</summary>
    bool IsReplaying { get; }

    /// <summary>Runs the named step (an activity) at least once, retrying failures according to <paramref name="retry"/>.</summary>
    Task<TResult> CallStepAsync<TInput, TResult>(string stepName, TInput input, StepRetryPolicy retry);
}
