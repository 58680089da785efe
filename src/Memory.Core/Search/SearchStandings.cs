using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Says of every result whether it holds, has ended, or is evidence, and keeps a kept turn that only restates an ended
/// statement ("Hi! I work at Contoso…") below the statement that holds now ("Works at Initech", however many changes
/// later): found through provenance (the ended fact was extracted from that turn, and no current fact among the
/// candidates was), the holding statement is ranked just above the turn, read along its supersession chain when search
/// did not find it (<see cref="SupersessionChain"/>). A retracted statement has no holder: its turn is only labelled.
/// </summary>
internal static class SearchStandings
{
    /// <summary>A turn that restates an outdated statement scores this much of the current fact's score at most.</summary>
    private const double BelowCurrent = 0.999;

    public static async Task<IReadOnlyList<RankedMemory>> ApplyAsync(
        IMemoryStore store, MemoryPartition partition, IReadOnlyList<RankedMemory> ranked, IReadOnlyList<SearchCandidate> candidates, SearchRequest request, CancellationToken cancellationToken)
    {
        var at = request.Filter.At;
        var results = ranked.Select(result => result with { Standing = StandingOf(result.Memory, at) }).ToList();
        var statements = candidates.Select(c => c.Memory).Where(m => m.Kind != MemoryKind.Turn).ToList();
        var ended = statements.Where(m => HasEndedAt(m, at)).ToList();
        if (ended.Count == 0)
        {
            return results;
        }

        var current = statements.Where(m => m.IsVisibleAt(at, includeSuperseded: false)).ToList();
        var chain = new SupersessionChain(store, partition, statements, at);
        for (var i = 0; i < results.Count; i++)
        {
            var turn = results[i];
            if (turn.Memory.Kind != MemoryKind.Turn
                || ended.Where(fact => Supports(turn.Memory, fact)).ToList() is not { Count: > 0 } outdated
                || current.Exists(fact => Supports(turn.Memory, fact)))
            {
                continue;
            }

            results[i] = turn = turn with { Standing = MemoryStanding.OutdatedEvidence };
            // Every statement of the turn, not the first found: candidate order is the store's, and a retracted one (no
            // holder) must not hide a superseded one.
            var best = -1;
            foreach (var statement in outdated)
            {
                if (await chain.HolderOfAsync(statement, cancellationToken) is { } holding
                    && HolderAt(results, holding, turn, request.Filter, at) is var holder and >= 0
                    && (best < 0 || results[holder].Score > results[best].Score))
                {
                    best = holder;
                }
            }

            if (best >= 0 && turn.Score >= results[best].Score * BelowCurrent)
            {
                results[i] = turn with { Score = results[best].Score * BelowCurrent, Explanation = turn.Explanation with { Final = results[best].Score * BelowCurrent } };
            }
        }

        return results
            .Where(result => result.Score >= request.MinScore)
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Memory.Id, StringComparer.Ordinal)
            .Take(request.TopK)
            .ToList();
    }

    /// <summary>
    /// Where <paramref name="holding"/> is among the results: added at the turn's score (<c>currentFor</c> naming the turn)
    /// when search did not rank it and the request's filter admits it; -1 when it does not.
    /// </summary>
    private static int HolderAt(List<RankedMemory> results, MemoryRecord holding, RankedMemory turn, MemoryFilter filter, DateTimeOffset at)
    {
        var holder = results.FindIndex(r => r.Memory.Id == holding.Id);
        if (holder >= 0 || !filter.Matches(holding))
        {
            return holder;
        }

        results.Add(new RankedMemory(holding, turn.Score, turn.Explanation with { CurrentFor = turn.Memory.Id }) { Standing = StandingOf(holding, at) });
        return results.Count - 1;
    }

    /// <summary>Superseded or retracted by then: its end has passed (a statement not yet made, or expired, has not ended).</summary>
    internal static bool HasEndedAt(MemoryRecord memory, DateTimeOffset at) =>
        memory.ValidTo <= at && memory.ValidFrom <= at && (memory.ExpiresAt is null || memory.ExpiresAt > at);

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
