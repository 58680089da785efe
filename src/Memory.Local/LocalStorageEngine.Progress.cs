using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local;

public sealed partial class LocalStorageEngine
{
    /// <summary>
    /// A progress report of a running operation changes memory only: it is not logged, so it waits neither for the log
    /// loop nor for an fsync (four of an ingestion's writes, each of which waited for another tenant's group commit under
    /// a flood). It applies when <paramref name="operation"/> is the current version (same ETag, still running, its epoch
    /// the partition's) with nothing changed but <see cref="MemoryOperation.Progress"/> and
    /// <see cref="MemoryOperation.UpdatedAt"/>; it keeps the ETag, so the next durable write of the operation, read
    /// after it, still matches. Returns null when it does not apply (the caller logs the write as usual).
    /// </summary>
    /// <remarks>
    /// Nothing acknowledged is lost: a crash takes the operation back to its last logged version, which is running (the
    /// first report, queued → running, is logged) at an earlier phase, and the resumed run reports its phases again from
    /// the first. A compaction's snapshot may keep a report; that is a state the operation had. A logged write of the
    /// operation decided before this and applied after overwrites it, as it would have under the log's own order.
    /// </remarks>
    internal OperationWriteResult? TryReportProgress(MemoryOperation operation)
    {
        if (_fault is not null
            || operation.Status != OperationStatus.Running
            || string.IsNullOrEmpty(operation.ETag)
            || EpochOf(operation.Partition) != operation.Epoch
            || !_operations.TryGetValue(operation.Partition, out var operations)
            || !operations.TryGetValue(operation.Id, out var current)
            || current.Status != OperationStatus.Running
            || current.ETag != operation.ETag
            // Record equality: the request and decisions are compared by reference, which holds for a version made from
            // the one read with a `with` expression (the only way a progress report is made); anything else is logged.
            || current with { Progress = operation.Progress, UpdatedAt = operation.UpdatedAt } != operation)
        {
            return null;
        }

        return operations.TryUpdate(operation.Id, operation, current) ? new OperationWriteResult(WriteStatus.Written, operation) : null;
    }
}
