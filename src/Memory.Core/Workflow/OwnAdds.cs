using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The memories an operation's facts became on an earlier, interrupted run of it. A re-run must not see them as
/// neighbours, or it decides "exact repeat" of its own memory and reports no change (so the profile never absorbs it).
/// Proved by the memory's history, not by id and provenance alone: an UPDATE keeps its target's id (the hash of its first
/// text) and takes the operation's provenance, so a fact repeating that first text would otherwise hide the updated memory.
/// </summary>
internal sealed class OwnAdds(IMemoryStore store, FindSimilarInput input)
{
    private readonly HashSet<string> _factIds = input.Facts.Select(fact => MemoryIds.ForMemory(input.Partition, input.AgentId, fact.Text)).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// True when this operation added <paramref name="memory"/> (an ADD event of this operation) or revived it (its UPDATE
    /// that kept the text: the first run found it ended and decided ADD). One history read per candidate that has a fact's
    /// id and this operation's provenance, which only a re-run meets.
    /// </summary>
    public async Task<bool> ContainsAsync(MemoryRecord memory, CancellationToken cancellationToken)
    {
        if (memory.Provenance.OperationId != input.OperationId || !_factIds.Contains(memory.Id))
        {
            return false;
        }

        if (!_known.TryGetValue(memory.Id, out var added))
        {
            var history = await store.GetHistoryAsync(input.Partition, memory.Id, cancellationToken);
            added = history.Any(change => change.OperationId == input.OperationId
                && (change.Operation == HistoryOperation.Add || (change.Operation == HistoryOperation.Update && string.Equals(change.Before, change.After, StringComparison.Ordinal))));
            _known[memory.Id] = added;
        }

        return added;
    }

    /// <summary><paramref name="items"/> without this operation's own adds, in order.</summary>
    public async Task<List<T>> WithoutAsync<T>(IEnumerable<T> items, Func<T, MemoryRecord> memory, CancellationToken cancellationToken)
    {
        var kept = new List<T>();
        foreach (var item in items)
        {
            if (!await ContainsAsync(memory(item), cancellationToken))
            {
                kept.Add(item);
            }
        }

        return kept;
    }
}
