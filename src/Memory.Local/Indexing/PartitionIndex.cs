using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// The in-memory state of one partition: memories by id in numbered slots, their vectors side by side in a
/// <see cref="VectorBlock"/> (the stored record keeps none; reads attach a copy), the filter columns, the lexical index,
/// history per memory and, above a size threshold, an approximate vector index. One writer (the engine's log loop) and
/// any number of readers: a reader-writer lock, because searches scan the whole partition and must not block each other.
/// </summary>
internal sealed partial class PartitionIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly VectorBlock _vectors = new();
    private readonly FilterColumns _columns = new();
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private LexicalIndex _lexical = new();
    private readonly Dictionary<string, List<HistoryEvent>> _history = new(StringComparer.Ordinal);
    private readonly SharedStrings _shared = new();
    private MemoryRecord?[] _records = new MemoryRecord?[16];
    private int _highWater;

    /// <summary>The partition's memories held at <paramref name="at"/> (neither superseded nor expired), for the quotas.</summary>
    public int CountHeld(DateTimeOffset at)
    {
        _lock.EnterReadLock();
        try
        {
            return _columns.CountHeld(_highWater, at);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slots.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public MemoryRecord? Get(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.TryGetValue(id, out var slot) ? Materialize(slot) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Inserts or replaces; returns the record it replaced.</summary>
    public MemoryRecord? Put(MemoryRecord memory, HistoryEvent? history)
    {
        _lock.EnterWriteLock();
        try
        {
            MemoryRecord? previous = null;
            if (_slots.TryGetValue(memory.Id, out var slot))
            {
                previous = Materialize(slot);
            }
            else
            {
                slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _highWater++;
                if (slot >= _records.Length)
                {
                    Array.Resize(ref _records, _records.Length * 2);
                }

                _slots.Add(memory.Id, slot);
            }

            var before = _records[slot];
            _records[slot] = StoreVector(slot, memory, previous);
            _columns.Set(slot, memory);
            IndexLexically(slot, before, _records[slot]);
            AddHistory(history, _records[slot]);
            return previous;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the memory (its history stays); returns it, or null when it was not there.</summary>
    public MemoryRecord? Delete(string id, HistoryEvent? history)
    {
        _lock.EnterWriteLock();
        try
        {
            AddHistory(history, _slots.TryGetValue(id, out var held) ? _records[held] : null);
            return _slots.Remove(id, out var slot) ? FreeSlot(slot) : null;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The ids of the memories expired at <paramref name="at"/> (compaction leaves them out, then <see cref="Purge"/>s them).</summary>
    public HashSet<string> ExpiredIds(DateTimeOffset at)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.Where(pair => _records[pair.Value]!.ExpiresAt <= at).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Removes the memories <paramref name="ids"/> names with their history (retention); returns the removed records.</summary>
    public List<MemoryRecord> Purge(IReadOnlyCollection<string> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = new List<MemoryRecord>(ids.Count);
            foreach (var id in ids)
            {
                _history.Remove(id);
                if (_slots.Remove(id, out var slot))
                {
                    removed.Add(FreeSlot(slot));
                }
            }

            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds a history event on its own (snapshot load: history of deleted memories has no record to ride on).</summary>
    public void PutHistory(HistoryEvent history)
    {
        _lock.EnterWriteLock();
        try
        {
            AddHistory(history, _slots.TryGetValue(history.MemoryId, out var slot) ? _records[slot] : null);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<HistoryEvent> GetHistory(string memoryId)
    {
        _lock.EnterReadLock();
        try
        {
            return _history.TryGetValue(memoryId, out var events) ? events.OrderBy(e => e.At).ToList() : [];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public List<MemoryRecord> SnapshotMemories()
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.Values.Select(slot => Materialize(slot)!).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public List<HistoryEvent> SnapshotHistory()
    {
        _lock.EnterReadLock();
        try
        {
            return _history.Values.SelectMany(events => events).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>One page in list order (<see cref="ListOrder"/>) strictly after <paramref name="after"/>.</summary>
    public (List<MemoryRecord> Items, bool HasMore) ListPage(MemoryFilter filter, int pageSize, ListCursor? after)
    {
        // A bounded heap whose top is the entry latest in list order, so each page costs O(n log pageSize) however deep it is.
        var heap = new PriorityQueue<int, MemoryRecord>(pageSize + 2, Comparer<MemoryRecord>.Create((a, b) => ListOrder.Compare(b, a)));
        var items = new List<MemoryRecord>(pageSize + 1);
        _lock.EnterReadLock();
        try
        {
            for (var slot = 0; slot < _highWater; slot++)
            {
                var memory = _records[slot];
                if (memory is null || (after is { } cursor && cursor.CompareTo(memory) >= 0) || !filter.Matches(memory))
                {
                    continue;
                }

                if (heap.Count <= pageSize)
                {
                    heap.Enqueue(slot, memory);
                }
                else if (heap.TryPeek(out _, out var latest) && ListOrder.Compare(memory, latest) < 0)
                {
                    heap.EnqueueDequeue(slot, memory);
                }
            }

            // Vectors are attached under the lock: once it is released the slot may hold another memory.
            while (heap.Count > 0)
            {
                items.Add(Materialize(heap.Dequeue())!);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        items.Reverse();
        var hasMore = items.Count > pageSize;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return (items, hasMore);
    }

    public void Dispose()
    {
        Retire();
        _lock.Dispose();
    }

    /// <summary>Empties a slot whose id was removed; returns the record it held. Under the write lock.</summary>
    private MemoryRecord FreeSlot(int slot)
    {
        var removed = Materialize(slot)!;
        var before = _records[slot];
        _records[slot] = null;
        _columns.Clear(slot);
        RemoveVector(slot);
        IndexLexically(slot, before, null);
        _freeSlots.Push(slot);
        return removed;
    }

    /// <summary>Adds the event (its repeated strings shared with <paramref name="memory"/>, the record it is about when held).</summary>
    private void AddHistory(HistoryEvent? history, MemoryRecord? memory)
    {
        if (history is null)
        {
            return;
        }

        history = _shared.Share(history, memory);

        if (!_history.TryGetValue(history.MemoryId, out var events))
        {
            events = [];
            _history.Add(history.MemoryId, events);
        }

        // History ids derive from what happened, so a retried write must not record the same event twice.
        if (!events.Exists(e => string.Equals(e.Id, history.Id, StringComparison.Ordinal)))
        {
            events.Add(history);
        }
    }
}
