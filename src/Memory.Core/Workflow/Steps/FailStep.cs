using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Marks the operation failed with the problem the workflow gives, unless it already ended.</summary>
public sealed class FailStep(ActiveOperationWriter operations) : IWorkflowStep<FailInput, ProgressOutput>
{
    public Task<ProgressOutput> RunAsync(FailInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operations.FinishAsync(input.Partition, input.OperationId, WorkflowStepNames.Fail, operation => operation with
        {
            Status = OperationStatus.Failed,
            Error = input.Error,
            Usage = input.Usage,
        }, cancellationToken);
    }
}
