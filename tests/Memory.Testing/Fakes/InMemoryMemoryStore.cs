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
public sealed class InMemoryMemoryStore : IMemoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(MemoryPartition, string), MemoryRecord> _memories = [];
    private readonly List<HistoryEvent> _history = [];
    private readonly Dictionary<MemoryPartition, long> _epochs = [];
    private long _version;

    public InMemoryMemoryStore() => Operations = new InMemoryOperationStore(this);

    /// <summary>The operation store sharing this store's partition epochs, as the real backends do.</summary>
    public InMemoryOperationStore Operations { get; }

    /// <summary>Called before every write; throw from it to simulate a failing store.</summary>
    public Action<string>? OnWrite { get; set; }

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_memories.GetValueOrDefault((partition, id)));
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

            if (_memories.TryGetValue((partition, memory.Id), out var existing))
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

            if (!_memories.TryGetValue((partition, memory.Id), out var existing))
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

            if (!_memories.TryGetValue((partition, id), out var existing))
            {
                return Task.FromResult(MemoryWriteResult.NotFound);
            }

            if (expectedETag is not null && existing.ETag != expectedETag)
            {
                return Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, existing));
            }

            _memories.Remove((partition, id));
            _history.Add(history);
            return Task.FromResult(new MemoryWriteResult(WriteStatus.Written, existing));
        }
    }

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var skip = continuationToken is null ? 0 : int.Parse(continuationToken, CultureInfo.InvariantCulture);
        var matching = Matching(partition, filter)
            .OrderByDescending(memory => memory.CreatedAt)
            .ThenBy(memory => memory.Id, StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip(skip).Take(pageSize).ToList();
        var next = skip + items.Count < matching.Count ? (skip + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Page<MemoryRecord>(items, next));
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
            IReadOnlyList<HistoryEvent> events = _history
                .Where(e => e.MemoryId == memoryId && new MemoryPartition(e.TenantId, e.UserId) == partition)
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
            snapshot = _memories.Where(pair => pair.Key.Item1 == partition).Select(pair => pair.Value).ToList();
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
            snapshot = _history.Where(e => new MemoryPartition(e.TenantId, e.UserId) == partition).ToList();
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
            _epochs[partition] = epoch;
            var keys = _memories.Keys.Where(key => key.Item1 == partition).ToList();
            keys.ForEach(key => _memories.Remove(key));
            _history.RemoveAll(e => new MemoryPartition(e.TenantId, e.UserId) == partition);
            var operations = Operations.EndAll(partition);
            return Task.FromResult(new PartitionErasure(keys.Count, operations, epoch));
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
        _memories[(partition, memory.Id)] = stored;
        _history.Add(history);
        return new MemoryWriteResult(WriteStatus.Written, stored);
    }

    private List<MemoryRecord> Matching(MemoryPartition partition, MemoryFilter filter)
    {
        lock (_gate)
        {
            return _memories.Where(pair => pair.Key.Item1 == partition && filter.Matches(pair.Value)).Select(pair => pair.Value).ToList();
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
}
