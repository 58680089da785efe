using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// Right to erasure, the part a request waits for: the audit record, the store's erase (from its return no read shows the
/// user's earlier data) and, when more remains to do, the erase operation and its background workflow
/// (<see cref="ErasureSteps"/>), which records the audit outcome when it really ends.
/// </summary>
/// <remarks>
/// The same on both hosts and both stores: the embedded store erases at once (200 with the counts); Cosmos DB moves the
/// epoch and deletes in the background (202 with the operation); the Functions app (<see cref="ErasureMode.Always"/>)
/// always continues in the background, where it purges the user's Durable instances after the store's erase.
/// </remarks>
public sealed class UserErasureService(
    IMemoryStore store,
    IOperationStore operations,
    IWorkflowStarter starter,
    AdminAudit audit,
    TimeProvider timeProvider,
    ILogger<UserErasureService> logger,
    ConversationParticipants participants,
    ErasureMode mode = ErasureMode.WhenStoreNeedsIt)
{
    /// <summary>
    /// Erases the user. The started audit record is written first (if that fails nothing is erased); a failure of the
    /// store's erase is recorded as the outcome and rethrown. Once the erase operation is persisted, <paramref name="cancellationToken"/>
    /// no longer applies: the workflow starts even if the caller went away.
    /// </summary>
    public async Task<UserErasureResult> EraseAsync(AuditCaller caller, MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var started = await audit.StartAsync(caller, AuditAction.EraseUser, partition, cancellationToken);
        MemoryOperation operation;
        try
        {
            var erased = await store.EraseAsync(partition, cancellationToken);
            participants.Forget(partition);
            Log.PartitionErased(logger, partition.TenantId, erased.MemoriesErased, erased.OperationsErased);
            if (erased.Finished && mode == ErasureMode.WhenStoreNeedsIt)
            {
                var counts = new UserErasure(erased.MemoriesErased, erased.OperationsErased);
                await audit.CompleteAsync(started, AuditOutcome.Succeeded, AuditDetails.Of(counts));
                return UserErasureResult.Finished(counts);
            }

            operation = await CreateOperationAsync(partition, erased, started, cancellationToken);
        }
        catch (Exception exception)
        {
            await audit.CompleteAsync(started, exception);
            throw;
        }

        await StartAsync(operation, started);
        Log.ErasureContinues(logger, operation.Id, partition.TenantId, operation.Epoch);
        return UserErasureResult.Continuing(operation);
    }

    private async Task<MemoryOperation> CreateOperationAsync(MemoryPartition partition, PartitionErasure erased, AuditRecord started, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var operation = new MemoryOperation
        {
            Id = MemoryIds.ForErase(partition, erased.Epoch),
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Kind = OperationKind.Erase,
            Status = OperationStatus.Queued,
            Request = new IngestionRequest([]),
            Epoch = erased.Epoch,
            // Counted by the store already when it finished at once; otherwise by the workflow's first step.
            Erasure = erased.Finished ? new OperationErasure(started, erased.MemoriesErased, erased.OperationsErased) : new OperationErasure(started),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await operations.CreateAsync(operation, cancellationToken);
        return created.Operation ?? operation;
    }

    /// <summary>A workflow that cannot be started leaves the operation failed (and the audit saying so): the data stays hidden, and erasing again finishes it.</summary>
    private async Task StartAsync(MemoryOperation operation, AuditRecord started)
    {
        try
        {
            await starter.StartAsync(operation, CancellationToken.None);
        }
        catch (Exception exception)
        {
            var failed = operation with
            {
                Status = OperationStatus.Failed,
                Error = ErasureSteps.Incomplete($"its background workflow could not be started ({exception.GetType().Name})"),
                UpdatedAt = timeProvider.GetUtcNow(),
            };
            await operations.UpdateAsync(failed, CancellationToken.None);
            await audit.CompleteAsync(started, exception);
            throw;
        }
    }
}
