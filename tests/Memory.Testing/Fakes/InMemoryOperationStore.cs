using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// A test fake of <see cref="IOperationStore"/> that keeps operations in a dictionary; reached through
/// <see cref="InMemoryMemoryStore.Operations"/>, whose partition epochs fence its writes.
/// </summary>
public sealed class InMemoryOperationStore : IOperationStore
{
    private readonly InMemoryMemoryStore _memories;
    private readonly Dictionary<(MemoryPartition, string), MemoryOperation> _operations = [];
    private long _version;

    internal InMemoryOperationStore(InMemoryMemoryStore memories) => _memories = memories;

    private Lock Gate => _memories.Gate;

    public IReadOnlyList<MemoryOperation> All
    {
        get
        {
            lock (Gate)
            {
                return _operations.Values.ToList();
            }
        }
    }

    public Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (Gate)
        {
            if (_memories.EpochOf(operation.Partition) != operation.Epoch)
            {
                return Task.FromResult(Erased);
            }

            if (_operations.TryGetValue((operation.Partition, operation.Id), out var existing))
            {
                return Task.FromResult(new OperationWriteResult(WriteStatus.AlreadyExists, existing));
            }

            return Task.FromResult(Write(operation));
        }
    }

    public Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            return Task.FromResult(_operations.GetValueOrDefault((partition, operationId)));
        }
    }

    public Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (Gate)
        {
            if (_memories.EpochOf(operation.Partition) != operation.Epoch)
            {
                return Task.FromResult(Erased);
            }

            return Task.FromResult(_operations.ContainsKey((operation.Partition, operation.Id))
                ? Write(operation)
                : new OperationWriteResult(WriteStatus.NotFound, null));
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

    /// <summary>The operations' part of <see cref="InMemoryMemoryStore.EraseAsync"/>: unfinished ones become stubs, finished ones go.</summary>
    internal int EndAll(MemoryPartition partition)
    {
        lock (Gate)
        {
            var ended = _operations.Where(pair => pair.Key.Item1 == partition).ToList();
            foreach (var (key, operation) in ended)
            {
                if (operation.EndedByErase() is { } stub)
                {
                    _operations[key] = stub;
                }
                else
                {
                    _operations.Remove(key);
                }
            }

            return ended.Count;
        }
    }

    private static readonly OperationWriteResult Erased = new(WriteStatus.PartitionErased, null);

    private OperationWriteResult Write(MemoryOperation operation)
    {
        var stored = operation with { ETag = $"\"{++_version}\"" };
        _operations[(operation.Partition, operation.Id)] = stored;
        return new OperationWriteResult(WriteStatus.Written, stored);
    }
}
