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
            if (IsFenced(operation))
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
            return Task.FromResult(_operations.GetValueOrDefault((partition, operationId)) is { } operation ? Seen(operation) : null);
        }
    }

    public Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (Gate)
        {
            if (IsFenced(operation))
            {
                return Task.FromResult(Erased);
            }

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
        List<MemoryOperation> visible;
        lock (Gate)
        {
            visible = _operations.Values.Where(operation => operation.Partition == partition).Select(Seen).OfType<MemoryOperation>().ToList();
        }

        foreach (var operation in visible)
        {
            await Task.Yield();
            yield return operation;
        }
    }

    /// <summary>
    /// The operations' part of an erase to <paramref name="epoch"/>, at most <paramref name="limit"/> of them: an unfinished
    /// ingestion becomes a stub, a finished operation goes; stubs and unfinished erases stay. Returns how many it changed.
    /// </summary>
    internal int EndAll(MemoryPartition partition, long epoch, int limit)
    {
        lock (Gate)
        {
            var ended = _operations.Where(pair => pair.Key.Item1 == partition && pair.Value.Epoch < epoch && !ReferenceEquals(pair.Value.SeenAfterErase(), pair.Value)).Take(limit).ToList();
            foreach (var (key, operation) in ended)
            {
                if (operation.SeenAfterErase() is { } stub)
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

    /// <summary>Ingestion operations begun before <paramref name="epoch"/>, stubs excepted.</summary>
    internal int CountOlderThan(MemoryPartition partition, long epoch)
    {
        lock (Gate)
        {
            return _operations.Values.Count(operation => operation.Partition == partition && operation.Epoch < epoch && !ReferenceEquals(operation.SeenAfterErase(), operation));
        }
    }

    /// <summary>Callers hold the gate. An operation of an erased epoch reads as the erase leaves it, deleted yet or not.</summary>
    private MemoryOperation? Seen(MemoryOperation operation) =>
        operation.Epoch < _memories.EpochOf(operation.Partition) ? operation.SeenAfterErase() : operation;

    private bool IsFenced(MemoryOperation operation) => operation.EndsWithErase && _memories.EpochOf(operation.Partition) != operation.Epoch;

    private static readonly OperationWriteResult Erased = new(WriteStatus.PartitionErased, null);

    private OperationWriteResult Write(MemoryOperation operation)
    {
        var stored = operation with { ETag = $"\"{++_version}\"" };
        _operations[(operation.Partition, operation.Id)] = stored;
        return new OperationWriteResult(WriteStatus.Written, stored);
    }
}
