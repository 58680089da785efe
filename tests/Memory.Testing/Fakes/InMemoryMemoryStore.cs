using System.Globalization;
using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// A test fake of <see cref="IMemoryStore"/>: dictionaries under one lock, brute-force cosine similarity and a plain
/// term-overlap lexical score. Good for testing callers of the port; the real stores are tested on their own.
/// </summary>
/// <remarks>
/// Every record keeps the epoch it was written in, and reads show only the partition's current epoch. By default an
/// erase deletes everything at once, like the embedded store; with <see cref="DeferErase"/> it only moves the epoch and
/// leaves the records, invisible, for <see cref="ContinueEraseAsync"/> to delete <see cref="EraseChunkSize"/> at a time,
/// like the Cosmos DB store: what callers of a background erase are tested against.
/// </remarks>
public sealed class InMemoryMemoryStore : IMemoryStore
{
    /// <summary>As the embedded store, so the workflow's concurrent writes run in the Core tests too.</summary>
    public int WritesTogether => 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<(MemoryPartition, string), (MemoryRecord Memory, long Epoch)> _memories = [];
    private readonly List<(HistoryEvent Event, long Epoch)> _history = [];
    private readonly Dictionary<MemoryPartition, long> _epochs = [];
    private long _version;

    public InMemoryMemoryStore() => Operations = new InMemoryOperationStore(this);

    /// <summary>The operation store sharing this store's partition epochs, as the real backends do.</summary>
    public InMemoryOperationStore Operations { get; }

    /// <summary>Called before every write; throw from it to simulate a failing store.</summary>
    public Action<string>? OnWrite { get; set; }

    /// <summary>Erase moves the epoch only; records are deleted by <see cref="ContinueEraseAsync"/> (the Cosmos DB store's way).</summary>
    public bool DeferErase { get; set; }

    /// <summary>Records one <see cref="ContinueEraseAsync"/> deletes.</summary>
    public int EraseChunkSize { get; set; } = 10;

    /// <summary>Called before every <see cref="ContinueEraseAsync"/>; throw from it to simulate a failing or crashing erase.</summary>
    public Action? OnContinueErase { get; set; }

    /// <summary>Records of every epoch still held, visible or not: what an erase has yet to delete is in here.</summary>
    public int StoredRecordCount
    {
        get
        {
            lock (_gate)
            {
                return _memories.Count + _history.Count;
            }
        }
    }

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Visible(partition, id));
        }
    }

    public Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        OnWrite?.Invoke(nameof(AddAsync));
        lock (_gate)
        {
            if (IsFenced(partition, options))
            {
                return Task.FromResult(Erased);
            }

            if (Visible(partition, memory.Id) is { } existing)
            {
                return Task.FromResult(new MemoryWriteResult(WriteStatus.AlreadyExists, existing));
            }

            return Task.FromResult(Write(partition, memory, history));
        }
    }

    public Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        OnWrite?.Invoke(nameof(ReplaceAsync));
        lock (_gate)
        {
            if (IsFenced(partition, options))
            {
                return Task.FromResult(Erased);
            }

            if (Visible(partition, memory.Id) is not { } existing)
            {
                return Task.FromResult(MemoryWriteResult.NotFound);
            }

            if (expectedETag is not null && existing.ETag != expectedETag)
            {
                return Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, existing));
            }

            return Task.FromResult(Write(partition, memory, history));
        }
    }

    public Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        OnWrite?.Invoke(nameof(DeleteAsync));
        lock (_gate)
        {
            if (IsFenced(partition, options))
            {
                return Task.FromResult(Erased);
            }

            if (Visible(partition, id) is not { } existing)
            {
                return Task.FromResult(MemoryWriteResult.NotFound);
            }

            if (expectedETag is not null && existing.ETag != expectedETag)
            {
                return Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, existing));
            }

            _memories.Remove((partition, id));
            _history.Add((history, EpochOf(partition)));
            return Task.FromResult(new MemoryWriteResult(WriteStatus.Written, existing));
        }
    }

    /// <summary>Keyset pages in <see cref="ListOrder"/>, as both stores: the token is the last item's key, so writes between pages neither repeat nor skip an item.</summary>
    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var after = continuationToken is null ? (ListKey?)null : ListKey.Decode(continuationToken);
        var items = Matching(partition, filter)
            .Where(memory => after is null || after.Value.CompareTo(memory) < 0)
            .Order(ListOrder.Comparer)
            .Take(pageSize + 1)
            .ToList();
        var hasMore = items.Count > pageSize;
        items = items.Take(pageSize).ToList();
        return Task.FromResult(new Page<MemoryRecord>(items, hasMore ? ListKey.From(items[^1]).Encode() : null));
    }

    public Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = Matching(partition, query.Filter).ToList();
        var vector = matching
            .Select(memory => (memory, score: Cosine(query.Vector, memory.Embedding)))
            .OrderByDescending(pair => pair.score)
            .Take(query.CandidateCount)
            .Select((pair, index) => (pair.memory, pair.score, rank: index + 1))
            .ToDictionary(entry => entry.memory.Id);
        var terms = Terms(query.Text);
        var lexical = matching
            .Select(memory => (memory, score: (double)Terms(memory.Text).Intersect(terms).Count()))
            .Where(pair => pair.score > 0)
            .OrderByDescending(pair => pair.score)
            .Take(query.CandidateCount)
            .Select((pair, index) => (pair.memory, pair.score, rank: index + 1))
            .ToDictionary(entry => entry.memory.Id);
        IReadOnlyList<SearchCandidate> candidates = vector.Keys.Union(lexical.Keys)
            .Select(id =>
            {
                var inVector = vector.TryGetValue(id, out var v);
                var inLexical = lexical.TryGetValue(id, out var l);
                return new SearchCandidate(
                    inVector ? v.memory : l.memory,
                    inVector ? v.score : null,
                    inVector ? v.rank : null,
                    inLexical ? l.score : null,
                    inLexical ? l.rank : null);
            })
            .ToList();
        return Task.FromResult(candidates);
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> events = VisibleHistory(partition)
                .Where(e => e.MemoryId == memoryId)
                .OrderBy(e => e.At)
                .ToList();
            return Task.FromResult(events);
        }
    }

    public async IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<MemoryRecord> snapshot;
        lock (_gate)
        {
            snapshot = _memories.Where(pair => pair.Key.Item1 == partition && pair.Value.Epoch == EpochOf(partition)).Select(pair => pair.Value.Memory).ToList();
        }

        foreach (var memory in snapshot)
        {
            await Task.Yield();
            yield return memory;
        }
    }

    public async IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<HistoryEvent> snapshot;
        lock (_gate)
        {
            snapshot = VisibleHistory(partition).ToList();
        }

        foreach (var historyEvent in snapshot)
        {
            await Task.Yield();
            yield return historyEvent;
        }
    }

    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(EpochOf(partition));
        }
    }

    public Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var epoch = ++_version;
            if (DeferErase)
            {
                _epochs[partition] = epoch;
                return Task.FromResult(new PartitionErasure(0, 0, epoch, Finished: false));
            }

            var memories = _memories.Count(pair => pair.Key.Item1 == partition && pair.Value.Epoch == EpochOf(partition));
            _epochs[partition] = epoch;
            RemoveOlderThan(partition, epoch, int.MaxValue);
            var operations = Operations.EndAll(partition, epoch, int.MaxValue);
            return Task.FromResult(new PartitionErasure(memories, operations, epoch));
        }
    }

    public Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var memories = _memories.Count(pair => pair.Key.Item1 == partition && pair.Value.Epoch < epoch);
            var history = _history.Count(entry => Of(entry.Event) == partition && entry.Epoch < epoch);
            var operations = Operations.CountOlderThan(partition, epoch);
            return Task.FromResult(new ErasureCount(memories, operations, memories + history + operations));
        }
    }

    public Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default)
    {
        OnContinueErase?.Invoke();
        lock (_gate)
        {
            var deleted = RemoveOlderThan(partition, epoch, EraseChunkSize);
            deleted += Operations.EndAll(partition, epoch, EraseChunkSize - deleted);
            return Task.FromResult(new ErasureChunk(deleted, Finished: deleted < EraseChunkSize));
        }
    }

    /// <summary>One lock for memories and operations, so an erase and a fenced operation write cannot interleave.</summary>
    internal Lock Gate => _gate;

    /// <summary>Callers hold <see cref="Gate"/>.</summary>
    internal long EpochOf(MemoryPartition partition) => _epochs.GetValueOrDefault(partition);

    private static readonly MemoryWriteResult Erased = new(WriteStatus.PartitionErased, null);

    private bool IsFenced(MemoryPartition partition, MemoryWriteOptions? options) =>
        options?.Epoch is { } epoch && _epochs.GetValueOrDefault(partition) != epoch;

    private MemoryWriteResult Write(MemoryPartition partition, MemoryRecord memory, HistoryEvent history)
    {
        var stored = memory with { ETag = $"\"{++_version}\"" };
        _memories[(partition, memory.Id)] = (stored, EpochOf(partition));
        _history.Add((history, EpochOf(partition)));
        return new MemoryWriteResult(WriteStatus.Written, stored);
    }

    /// <summary>Callers hold the gate. A record of an erased epoch is not there for any read, deleted yet or not.</summary>
    private MemoryRecord? Visible(MemoryPartition partition, string id) =>
        _memories.TryGetValue((partition, id), out var entry) && entry.Epoch == EpochOf(partition) ? entry.Memory : null;

    private List<HistoryEvent> VisibleHistory(MemoryPartition partition) =>
        _history.Where(entry => Of(entry.Event) == partition && entry.Epoch == EpochOf(partition)).Select(entry => entry.Event).ToList();

    private static MemoryPartition Of(HistoryEvent historyEvent) => new(historyEvent.TenantId, historyEvent.UserId);

    /// <summary>Deletes up to <paramref name="limit"/> memories and history events written before <paramref name="epoch"/>.</summary>
    private int RemoveOlderThan(MemoryPartition partition, long epoch, int limit)
    {
        var memories = _memories.Where(pair => pair.Key.Item1 == partition && pair.Value.Epoch < epoch).Select(pair => pair.Key).Take(limit).ToList();
        memories.ForEach(key => _memories.Remove(key));
        var history = _history.Where(entry => Of(entry.Event) == partition && entry.Epoch < epoch).Take(limit - memories.Count).ToList();
        history.ForEach(entry => _history.Remove(entry));
        return memories.Count + history.Count;
    }

    private List<MemoryRecord> Matching(MemoryPartition partition, MemoryFilter filter)
    {
        lock (_gate)
        {
            return _memories.Where(pair => pair.Key.Item1 == partition && pair.Value.Epoch == EpochOf(partition) && filter.Matches(pair.Value.Memory))
                .Select(pair => pair.Value.Memory).ToList();
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static HashSet<string> Terms(string text) =>
        text.Split([' ', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Select(term => term.ToLowerInvariant())
            .ToHashSet();

    /// <summary>A page's continuation: the last item's key, as the embedded store's cursor holds it.</summary>
    private readonly record struct ListKey(long Ticks, string Id)
    {
        public static ListKey From(MemoryRecord memory) => new(memory.CreatedAt.UtcTicks, memory.Id);

        public static ListKey Decode(string token)
        {
            var parts = token.Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new ListKey(ticks, parts[1])
                : throw new InvalidContinuationTokenException();
        }

        public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{Ticks}|{Id}");

        public int CompareTo(MemoryRecord memory) => ListOrder.Compare(Ticks, Id, memory.CreatedAt.UtcTicks, memory.Id);
    }
}
