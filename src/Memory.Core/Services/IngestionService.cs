using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Services;

/// <summary>
/// Accepts conversation turns for asynchronous ingestion: persists a queued operation first (so an acknowledged request
/// is never lost), then starts the workflow. Hosts answer 202 with the operation and let callers poll it.
/// </summary>
public sealed class IngestionService(IMemoryStore store, IOperationStore operations, IWorkflowStarter starter, TimeProvider timeProvider, ILogger<IngestionService> logger)
{
    private const int MaxEraseRaces = 3;

    /// <summary>
    /// Submits <paramref name="request"/>. With an <paramref name="idempotencyKey"/> (IETF draft "The Idempotency-Key HTTP
    /// Header Field") the operation id derives from partition, epoch and key, so the key is scoped to tenant and user and
    /// forgotten when the user is erased. A repeat returns the first operation, finished or still in flight (and starts it
    /// again while unfinished, a no-op for both starters when it is already queued or running); a repeat whose
    /// <paramref name="requestFingerprint"/> differs from the first request's is refused (<see cref="IngestionSubmission.KeyReused"/>).
    /// <paramref name="formerFingerprints"/> are the same request's fingerprints under earlier fingerprint rules, so an
    /// operation stored under one of them still matches its retry. Without a key, every call is a new operation.
    /// </summary>
    /// <remarks>
    /// Once the operation is persisted, <paramref name="cancellationToken"/> no longer applies: a caller that gives up
    /// (an aborted HTTP request while the local runner's queue is full) must not leave a persisted operation unstarted,
    /// queued until the next restart, while its idempotent retry is answered 202 for an operation nothing runs.
    /// </remarks>
    public async Task<IngestionSubmission> SubmitAsync(
        MemoryPartition partition,
        IngestionRequest request,
        string? idempotencyKey,
        string? requestFingerprint = null,
        IReadOnlyCollection<string>? formerFingerprints = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages.Count == 0)
        {
            throw new ArgumentException("An ingestion request needs at least one message.", nameof(request));
        }

        var now = timeProvider.GetUtcNow();
        OperationWriteResult created;
        MemoryOperation operation;
        var attempt = 0;
        do
        {
            // The operation begins in the partition's current epoch. An erase between this read and the create makes the
            // store refuse the create; the request then begins after the erase, in the new epoch, like any later request.
            var epoch = await store.GetEpochAsync(partition, cancellationToken);
            operation = new MemoryOperation
            {
                // The unique id is made here, outside the workflow, which must stay deterministic.
                Id = string.IsNullOrEmpty(idempotencyKey) ? MemoryIds.NewOperation(partition, epoch, Guid.CreateVersion7(now)) : MemoryIds.ForOperation(partition, epoch, idempotencyKey),
                TenantId = partition.TenantId,
                UserId = partition.UserId,
                Status = OperationStatus.Queued,
                Request = request,
                IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey,
                RequestFingerprint = string.IsNullOrEmpty(idempotencyKey) ? null : requestFingerprint,
                Epoch = epoch,
                CreatedAt = now,
                UpdatedAt = now,
            };
            created = await operations.CreateAsync(operation, cancellationToken);
        }
        while (created.Status == WriteStatus.PartitionErased && ++attempt < MaxEraseRaces);

        if (created.Status == WriteStatus.PartitionErased)
        {
            throw new InvalidOperationException($"The user was erased {MaxEraseRaces} times while this request was being accepted; submit it again.");
        }

        if (created.Status == WriteStatus.AlreadyExists && created.Operation is { } existing)
        {
            if (requestFingerprint is not null && existing.RequestFingerprint is { } storedFingerprint
                && storedFingerprint != requestFingerprint && formerFingerprints?.Contains(storedFingerprint, StringComparer.Ordinal) != true)
            {
                Log.IdempotencyKeyReused(logger, existing.Id, partition.TenantId);
                return new IngestionSubmission(existing, Created: false, KeyReused: true);
            }

            if (!existing.IsFinished)
            {
                await starter.StartAsync(existing, CancellationToken.None);
            }

            Log.OperationSubmitted(logger, existing.Id, partition.TenantId, created: false);
            return new IngestionSubmission(existing, Created: false);
        }

        var stored = created.Operation ?? operation;
        await starter.StartAsync(stored, CancellationToken.None);
        Log.OperationSubmitted(logger, stored.Id, partition.TenantId, created: true);
        return new IngestionSubmission(stored, Created: true);
    }

    /// <summary>The operation, if it exists in this partition: another user's operation id finds nothing.</summary>
    public async Task<MemoryOperation?> GetOperationAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        var operation = await operations.GetAsync(partition, operationId, cancellationToken);
        return operation is not null && operation.Partition == partition ? operation : null;
    }
}
