using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

/// <summary>
/// <see cref="IOperationStore"/> on the embedded <see cref="LocalStorageEngine"/>, sharing the memories' log, and the
/// <see cref="ICallbackBacklog"/> kept on its operations.
/// </summary>
public sealed class LocalOperationStore(LocalStorageEngine engine) : IOperationStore, ICallbackBacklog
{
    /// <summary>The operation began before its user was erased (and ends with the erase): checked on the log loop, in the same step as the write.</summary>
    private static readonly Decision<OperationWriteResult> Refused = new(null, new OperationWriteResult(WriteStatus.PartitionErased, null));

    public Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        Validate(operation);
        return engine.SubmitAsync(
            (view, sequence) => IsFenced(view, operation) ? Refused
                : view.GetOperation(operation.Partition, operation.Id) is { } existing
                    ? new Decision<OperationWriteResult>(null, new OperationWriteResult(WriteStatus.AlreadyExists, existing))
                    : Put(operation, sequence),
            waitsForCompaction: false,
            cancellationToken);
    }

    public Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        return Task.FromResult(engine.FindOperation(partition, operationId));
    }

    /// <summary>Logged and fsynced before it returns, except a running operation's progress report (<see cref="LocalStorageEngine.TryReportProgress"/>).</summary>
    public Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        Validate(operation);
        if (engine.TryReportProgress(operation) is { } reported)
        {
            return Task.FromResult(reported);
        }

        return engine.SubmitAsync(
            (view, sequence) => IsFenced(view, operation) ? Refused
                : view.GetOperation(operation.Partition, operation.Id) switch
                {
                    null => new Decision<OperationWriteResult>(null, new OperationWriteResult(WriteStatus.NotFound, null)),
                    { } current when !string.IsNullOrEmpty(operation.ETag) && current.ETag != operation.ETag =>
                        new Decision<OperationWriteResult>(null, new OperationWriteResult(WriteStatus.PreconditionFailed, current)),
                    _ => Put(operation, sequence),
                },
            waitsForCompaction: false,
            cancellationToken);
    }

    private static bool IsFenced(BatchView view, MemoryOperation operation) =>
        operation.EndsWithErase && view.GetEpoch(operation.Partition) != operation.Epoch;

    public async IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var operation in engine.Operations(null).Where(operation => !operation.IsFinished).OrderBy(operation => operation.CreatedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return operation;
        }
    }

    public async IAsyncEnumerable<MemoryOperation> ListAwaitingAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var operation in engine.Operations(null).Where(operation => operation.AwaitsCallback).OrderBy(operation => operation.UpdatedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return operation;
        }
    }

    public async Task RecordAsync(MemoryPartition partition, string operationId, CallbackDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ArgumentNullException.ThrowIfNull(delivery);
        await engine.SubmitAsync(
            (view, sequence) => view.GetOperation(partition, operationId) is { } current && !IsFenced(view, current)
                ? Put(current with { Callback = delivery }, sequence)
                : new Decision<OperationWriteResult>(null, new OperationWriteResult(WriteStatus.NotFound, null)),
            waitsForCompaction: false,
            cancellationToken);
    }

    public async IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var operation in engine.Operations(partition).OrderBy(operation => operation.CreatedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return operation;
        }
    }

    private static Decision<OperationWriteResult> Put(MemoryOperation operation, long sequence)
    {
        var stored = operation with { ETag = LocalMemoryStore.ETagFor(sequence) };
        return new(new OperationPutEntry(sequence, stored), new OperationWriteResult(WriteStatus.Written, stored));
    }

    private static void Validate(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentException.ThrowIfNullOrEmpty(operation.Id);
    }
}
