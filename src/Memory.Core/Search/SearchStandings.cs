using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Says of every result whether it holds, has ended, or is evidence, and keeps a kept turn that only restates a superseded
/// statement ("Hi! I work at Contoso…") below the fact that superseded it ("Works at Fabrikam"): found through provenance
/// (the ended fact was extracted from that turn, and no current fact among the candidates was), the current fact is
/// ranked just above the turn, read from the store when search did not find it (a few point reads at most).
/// </summary>
internal static class SearchStandings
{
    private const int MaxCurrentFactReads = 3;

    /// <summary>A turn that restates an outdated statement scores this much of the current fact's score at most.</summary>
    private const double BelowCurrent = 0.999;

    public static async Task<IReadOnlyList<RankedMemory>> ApplyAsync(
        IMemoryStore store, MemoryPartition partition, IReadOnlyList<RankedMemory> ranked, IReadOnlyList<SearchCandidate> candidates, SearchRequest request, CancellationToken cancellationToken)
    {
        var at = request.Filter.At;
        var results = ranked.Select(result => result with { Standing = StandingOf(result.Memory, at) }).ToList();
        var ended = candidates.Select(c => c.Memory).Where(m => m.Kind != MemoryKind.Turn && m.SupersededBy is not null && !m.IsVisibleAt(at, includeSuperseded: false)).ToList();
        var current = candidates.Select(c => c.Memory).Where(m => m.Kind != MemoryKind.Turn && m.IsVisibleAt(at, includeSuperseded: false)).ToList();
        if (ended.Count == 0)
        {
            return results;
        }

        var reads = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var turn = results[i];
            if (turn.Memory.Kind != MemoryKind.Turn
                || ended.FirstOrDefault(fact => Supports(turn.Memory, fact)) is not { SupersededBy: { } currentId }
                || current.Exists(fact => Supports(turn.Memory, fact)))
            {
                continue;
            }

            results[i] = turn = turn with { Standing = MemoryStanding.OutdatedEvidence };
            var holder = results.FindIndex(r => r.Memory.Id == currentId);
            if (holder < 0
                && (current.Find(m => m.Id == currentId) ?? (reads++ < MaxCurrentFactReads ? await store.GetAsync(partition, currentId, cancellationToken) : null)) is { } fact
                && request.Filter.Matches(fact))
            {
                results.Add(new RankedMemory(fact, turn.Score, turn.Explanation with { CurrentFor = turn.Memory.Id }) { Standing = MemoryStanding.Current });
                holder = results.Count - 1;
            }

            if (holder >= 0 && turn.Score >= results[holder].Score * BelowCurrent)
            {
                results[i] = turn with { Score = results[holder].Score * BelowCurrent, Explanation = turn.Explanation with { Final = results[holder].Score * BelowCurrent } };
            }
        }

        return results
            .Where(result => result.Score >= request.MinScore)
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Memory.Id, StringComparer.Ordinal)
            .Take(request.TopK)
            .ToList();
    }

    private static MemoryStanding StandingOf(MemoryRecord memory, DateTimeOffset at) =>
        memory.Kind == MemoryKind.Turn ? MemoryStanding.Evidence
        : memory.IsVisibleAt(at, includeSuperseded: false) ? MemoryStanding.Current
        : MemoryStanding.Ended;

    /// <summary>The turn is one of the messages the fact was extracted from, in the same operation.</summary>
    private static bool Supports(MemoryRecord turn, MemoryRecord fact) =>
        fact.Provenance.OperationId is { } operation
        && turn.Provenance.OperationId == operation
        && turn.Provenance.MessageIds.Intersect(fact.Provenance.MessageIds, StringComparer.Ordinal).Any();
}
