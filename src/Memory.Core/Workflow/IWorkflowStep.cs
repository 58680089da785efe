namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// One step of the ingestion workflow. It runs at least once and may run again after a crash or a retry, so every step
/// is idempotent: ids derive from partition and content, existing records count as success, and every history event
/// carries an id derived from the operation. Listed once, with its name, in <see cref="WorkflowSteps.All"/>, or run inside one
/// that is (<see cref="ReconcileStep"/> runs the embed, find-similar and decide steps, so their vectors and neighbours stay out of history).
/// </summary>
public interface IWorkflowStep<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken = default);
}
