using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Committed state as the log loop sees it mid-batch: entries decided earlier in the batch but not yet durable are
/// overlaid, so an ETag check or an "already exists" sees them, while readers elsewhere still see only durable state.
/// </summary>
internal sealed class BatchView(
    Func<MemoryPartition, string, MemoryRecord?> committedMemory,
    Func<MemoryPartition, string, MemoryOperation?> committedOperation,
    Func<MemoryPartition, IEnumerable<MemoryOperation>> committedOperations,
    Func<MemoryPartition, long> committedEpoch)
{
    private readonly Dictionary<MemoryPartition, long> _epochs = [];
    private readonly Dictionary<(MemoryPartition, string), MemoryRecord?> _memories = [];
    private readonly Dictionary<(MemoryPartition, string), MemoryOperation?> _operations = [];
    private readonly HashSet<MemoryPartition> _erasedMemories = [];
    private readonly HashSet<MemoryPartition> _erasedOperations = [];

    public MemoryRecord? GetMemory(MemoryPartition partition, string id) =>
        _memories.TryGetValue((partition, id), out var pending) ? pending
        : _erasedMemories.Contains(partition) ? null
        : committedMemory(partition, id);

    public MemoryOperation? GetOperation(MemoryPartition partition, string id) =>
        _operations.TryGetValue((partition, id), out var pending) ? pending
        : _erasedOperations.Contains(partition) ? null
        : committedOperation(partition, id);

    /// <summary>
    /// The partition's operations, this batch's earlier writes included: what an erase decided now must stub, so that the
    /// stubs it logs are the ones applying it leaves in memory.
    /// </summary>
    public IEnumerable<MemoryOperation> GetOperations(MemoryPartition partition)
    {
        var pending = _operations.Where(pair => pair.Key.Item1 == partition).ToDictionary(pair => pair.Key.Item2, pair => pair.Value, StringComparer.Ordinal);
        var committed = _erasedOperations.Contains(partition) ? [] : committedOperations(partition).Where(operation => !pending.ContainsKey(operation.Id));
        return committed.Concat(pending.Values.OfType<MemoryOperation>()).ToList();
    }

    /// <summary>The partition's epoch, an erase decided earlier in this batch included: the fence every epoch-checked write compares with.</summary>
    public long GetEpoch(MemoryPartition partition) =>
        _epochs.TryGetValue(partition, out var pending) ? pending : committedEpoch(partition);

    public void Record(LogEntry entry)
    {
        switch (entry)
        {
            case MemoryPutEntry put:
                _memories[(put.Memory.Partition, put.Memory.Id)] = put.Memory;
                break;
            case MemoryDeleteEntry delete:
                _memories[(delete.Partition, delete.MemoryId)] = null;
                break;
            case OperationPutEntry operation:
                _operations[(operation.Operation.Partition, operation.Operation.Id)] = operation.Operation;
                break;
            case PartitionEraseEntry erase:
                _epochs[erase.Partition] = erase.Sequence;
                if (erase.Scope.HasFlag(EraseScope.Memories))
                {
                    _erasedMemories.Add(erase.Partition);
                    RemoveKeys(_memories, erase.Partition);
                }

                if (erase.Scope.HasFlag(EraseScope.Operations))
                {
                    _erasedOperations.Add(erase.Partition);
                    RemoveKeys(_operations, erase.Partition);
                }

                break;
        }
    }

    public void Clear()
    {
        _memories.Clear();
        _operations.Clear();
        _epochs.Clear();
        _erasedMemories.Clear();
        _erasedOperations.Clear();
    }

    private static void RemoveKeys<T>(Dictionary<(MemoryPartition, string), T> pending, MemoryPartition partition)
    {
        foreach (var key in pending.Keys.Where(key => key.Item1 == partition).ToList())
        {
            pending.Remove(key);
        }
    }
}
