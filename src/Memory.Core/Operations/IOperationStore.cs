using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Operations;

/// <summary>Durable records of ingestion operations, scoped per partition like memories.</summary>
public interface IOperationStore
{
    /// <summary>Persists a new operation durably; when one with the same id exists, returns it untouched (idempotency).</summary>
    Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default);

    Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an existing operation (status, progress, result). Returns NotFound when it was erased meanwhile. When
    /// <see cref="MemoryOperation.ETag"/> is not empty, writes only over that version and otherwise returns PreconditionFailed with
    /// the current operation, so a stale read-check-write cannot overwrite a finished operation.
    /// </summary>
    Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default);

    /// <summary>Operations still queued or running, in every partition: what a restarted local runner must resume.</summary>
    IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync(CancellationToken cancellationToken = default);

    /// <summary>Every operation of the partition (for export).</summary>
    IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, CancellationToken cancellationToken = default);

    /// <summary>Erases every operation of the partition; returns how many were removed.</summary>
    Task<int> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default);
}
