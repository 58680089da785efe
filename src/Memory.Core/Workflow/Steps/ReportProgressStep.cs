using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Marks the operation running at a phase boundary; its answer is the workflow's stop point (<see cref="ProgressOutput.ShouldContinue"/>).</summary>
public sealed class ReportProgressStep(ActiveOperationWriter operations, ILogger<ReportProgressStep> logger) : IWorkflowStep<ProgressInput, ProgressOutput>
{
    public async Task<ProgressOutput> RunAsync(ProgressInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (written, status) = await operations.UpdateAsync(input.Partition, input.OperationId, WorkflowStepNames.ReportProgress, operation => operation with
        {
            Status = OperationStatus.Running,
            Progress = new OperationProgress(input.Phase, input.Done, input.Total),
        }, cancellationToken);
        if (written is not null)
        {
            Log.OperationProgress(logger, input.OperationId, input.Phase, input.Done, input.Total);
        }

        return new ProgressOutput(status);
    }
}
