using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>A test fake of <see cref="IOperationStore"/> that keeps operations in a dictionary.</summary>
public sealed class InMemoryOperationStore : IOperationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(MemoryPartition, string), MemoryOperation> _operations = [];
    private long _version;

    public IReadOnlyList<MemoryOperation> All
    {
        get
        {
            lock (_gate)
            {
                return _operations.Values.ToList();
            }
        }
    }

    public Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            if (_operations.TryGetValue((operation.Partition, operation.Id), out var existing))
            {
                return Task.FromResult(new OperationWriteResult(WriteStatus.AlreadyExists, existing));
            }

            return Task.FromResult(Write(operation));
        }
    }

    public Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_operations.GetValueOrDefault((partition, operationId)));
        }
    }

    public Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            return Task.FromResult(_operations.GetValueOrDefault((operation.Partition, operation.Id)) switch
            {
                null => new OperationWriteResult(WriteStatus.NotFound, null),
                { } current when !string.IsNullOrEmpty(operation.ETag) && current.ETag != operation.ETag => new OperationWriteResult(WriteStatus.PreconditionFailed, current),
                _ => Write(operation),
            });
        }
    }

    public async IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var operation in All.Where(operation => !operation.IsFinished))
        {
            await Task.Yield();
            yield return operation;
        }
    }

    public async IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var operation in All.Where(operation => operation.Partition == partition))
        {
            await Task.Yield();
            yield return operation;
        }
    }

    public Task<int> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var keys = _operations.Keys.Where(key => key.Item1 == partition).ToList();
            keys.ForEach(key => _operations.Remove(key));
            return Task.FromResult(keys.Count);
        }
    }

    private OperationWriteResult Write(MemoryOperation operation)
    {
        var stored = operation with { ETag = $"\"{++_version}\"" };
        _operations[(operation.Partition, operation.Id)] = stored;
        return new OperationWriteResult(WriteStatus.Written, stored);
    }
}
