using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Follows <see cref="MemoryRecord.SupersededBy"/> from an ended statement to the one that holds at the time asked about
/// (Contoso → Fabrikam → Initech: Initech). A link among the search candidates costs nothing; any other is a point read,
/// and one search spends at most <see cref="MaxReads"/> of them, whatever the number of chains, so search cost stays flat.
/// </summary>
internal sealed class SupersessionChain(IMemoryStore store, MemoryPartition partition, IEnumerable<MemoryRecord> candidates, DateTimeOffset at)
{
    private const int MaxReads = 3;

    /// <summary>Links followed at most, read or not: a chain that loops (a corrupted or hand-written record) ends here.</summary>
    private const int MaxLinks = 8;

    /// <summary>The candidates by id, and what was read: made at the first chain followed, as most searches follow none.</summary>
    private Dictionary<string, MemoryRecord?>? _known;
    private int _reads;

    /// <summary>
    /// The statement holding at the time asked about that (through its chain) superseded <paramref name="ended"/>; null
    /// when there is none: a retraction (ended without a successor), a successor deleted, expired or itself retracted, or
    /// a chain past the read budget.
    /// </summary>
    public async Task<MemoryRecord?> HolderOfAsync(MemoryRecord ended, CancellationToken cancellationToken)
    {
        var fact = ended;
        for (var link = 0; link < MaxLinks && fact.SupersededBy is { } next; link++)
        {
            if (await FindAsync(next, cancellationToken) is not { } successor)
            {
                return null;
            }

            if (successor.IsVisibleAt(at, includeSuperseded: false))
            {
                return successor;
            }

            if (!SearchStandings.HasEndedAt(successor, at))
            {
                return null;
            }

            fact = successor;
        }

        return null;
    }

    private async Task<MemoryRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        _known ??= candidates.DistinctBy(m => m.Id, StringComparer.Ordinal).ToDictionary(m => m.Id, m => (MemoryRecord?)m, StringComparer.Ordinal);
        if (_known.TryGetValue(id, out var known))
        {
            return known;
        }

        if (_reads >= MaxReads)
        {
            return null;
        }

        _reads++;
        return _known[id] = await store.GetAsync(partition, id, cancellationToken);
    }
}
