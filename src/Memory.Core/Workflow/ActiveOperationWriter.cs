using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Changes an operation only while it is still active: what the progress, complete and fail steps share.</summary>
public sealed class ActiveOperationWriter(IOperationStore operations, IOptions<IngestionOptions> options, TimeProvider timeProvider, ILogger<ActiveOperationWriter> logger)
{
    /// <summary>
    /// Read, check, write with the version read as precondition: a concurrent writer (a late progress report, the other
    /// finisher) makes the write fail instead of being overwritten, and the check runs again on the fresh version. Returns
    /// the operation written and its status, or no operation and the status found: the finished status, null when it is
    /// gone, Cancelled when its user was erased since it began.
    /// </summary>
    public async Task<(MemoryOperation? Written, OperationStatus? Status)> UpdateAsync(
        MemoryPartition partition, string operationId, string step, Func<MemoryOperation, MemoryOperation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var operation = await operations.GetAsync(partition, operationId, cancellationToken);
            if (operation is null || operation.IsFinished)
            {
                Log.OperationNotActive(logger, operationId, operation?.Status, step);
                return (null, operation?.Status);
            }

            var updated = change(operation) with { UpdatedAt = timeProvider.GetUtcNow() };
            var result = await operations.UpdateAsync(updated, cancellationToken);
            switch (result.Status)
            {
                case WriteStatus.NotFound:
                    return (null, null);
                case WriteStatus.PartitionErased:
                    return (null, OperationStatus.Cancelled);
                case WriteStatus.PreconditionFailed when attempt < IngestionConventions.MaxWriteAttempts:
                    continue;
                case WriteStatus.PreconditionFailed:
                    // Transient by nature: the step's retry policy takes it from here.
                    throw new InvalidOperationException($"Operation {operationId} kept changing during {step}; retrying the step.");
                default:
                    return (updated, updated.Status);
            }
        }
    }

    /// <summary>
    /// Ends the operation with <paramref name="finish"/> unless it already ended; returns the status it has now. The
    /// request's turns go with it (unless <see cref="IngestionOptions.KeepFinishedRequests"/>): they were kept only so
    /// that a crashed run could resume, and left in place they would outlive <see cref="IngestionOptions.KeepTurns"/>
    /// and <see cref="IngestionOptions.TurnTimeToLive"/> (its session, agent and metadata stay: they hold no turn text).
    /// So does the fact of a NOOP that names no memory (a fact rejected or left undecided): no memory holds it, so it
    /// would be the record's own copy of what the turns said; the decision and its reason stay.
    /// </summary>
    public async Task<ProgressOutput> FinishAsync(MemoryPartition partition, string operationId, string step, Func<MemoryOperation, MemoryOperation> finish, CancellationToken cancellationToken)
    {
        var keepRequest = options.Value.KeepFinishedRequests;
        var (finished, status) = await UpdateAsync(
            partition,
            operationId,
            step,
            operation => keepRequest ? finish(operation) : WithoutTurnText(finish(operation)),
            cancellationToken);
        if (finished is null)
        {
            return new ProgressOutput(status);
        }

        Log.OperationFinished(logger, operationId, partition.TenantId, finished.Status, finished.Decisions.Count, finished.Usage.TotalTokens);
        return new ProgressOutput(finished.Status);
    }

    private static MemoryOperation WithoutTurnText(MemoryOperation operation) => operation with
    {
        Request = operation.Request with { Messages = [] },
        Decisions = [.. operation.Decisions.Select(decision => decision is { Action: MemoryAction.Noop, MemoryId: null } ? decision with { Fact = string.Empty } : decision)],
    };
}
