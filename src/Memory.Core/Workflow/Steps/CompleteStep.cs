using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Marks the operation succeeded with its decisions, at most <see cref="IngestionOptions.MaxDecisionsRecorded"/> of them
/// (the item stays far below a store's size limit); what was cut is counted in <see cref="MemoryOperation.Truncation"/>.
/// </summary>
public sealed class CompleteStep(ActiveOperationWriter operations, IOptions<IngestionOptions> options) : IWorkflowStep<CompleteInput, ProgressOutput>
{
    public Task<ProgressOutput> RunAsync(CompleteInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recorded = input.Decisions.Take(options.Value.MaxDecisionsRecorded).ToList();
        var truncation = IngestionTruncation.Of(input.FactsOmitted, input.Decisions.Count - recorded.Count);
        return operations.FinishAsync(input.Partition, input.OperationId, WorkflowStepNames.Complete, operation => operation with
        {
            Status = OperationStatus.Succeeded,
            Decisions = recorded,
            Truncation = truncation,
            Usage = input.Usage,
            Error = null,
            Progress = new OperationProgress(WorkflowStepNames.Complete, IngestionWorkflow.PhaseCount, IngestionWorkflow.PhaseCount),
        }, cancellationToken);
    }
}
