using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// Durable records of ingestion operations, scoped per partition like memories. Shares the partition epoch with the
/// <see cref="IMemoryStore"/> of the same backend: a create or update of an operation whose <see cref="MemoryOperation.Epoch"/>
/// is older than the partition's is refused with <see cref="WriteStatus.PartitionErased"/>, checked in the same atomic write.
/// Erasing is <see cref="IMemoryStore.EraseAsync"/>'s job (one erase for everything of the user).
/// </summary>
public interface IOperationStore
{
    /// <summary>
    /// Persists a new operation durably; when one with the same id exists, returns it untouched (idempotency); when its epoch
    /// is not the partition's, refuses it (<see cref="WriteStatus.PartitionErased"/>).
    /// </summary>
    Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default);

    Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an existing operation (status, progress, result). Returns NotFound when it is gone, and
    /// <see cref="WriteStatus.PartitionErased"/> when its user was erased since it began. When <see cref="MemoryOperation.ETag"/>
    /// is not empty, writes only over that version and otherwise returns PreconditionFailed with the current operation, so a
    /// stale read-check-write cannot overwrite a finished operation. A store may keep a running operation's progress report
    /// (nothing else changed) under the same ETag and without making it durable: a crash then shows an earlier phase of a
    /// running operation, which its resumed run reports again (the embedded store does this; Cosmos DB writes every report).
    /// </summary>
    Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default);

    /// <summary>Operations still queued or running, in every partition: what a restarted local runner must resume.</summary>
    IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync(CancellationToken cancellationToken = default);

    /// <summary>Every operation of the partition (for export).</summary>
    IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, CancellationToken cancellationToken = default);
}
