using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Context;

/// <summary>
/// Gathers the evidence behind the top facts of a context request: the kept turns each was extracted from (found through
/// its provenance: same operation, one of its message ids) and the summaries of the sessions the facts and turns come
/// from. Reads are bounded: turns of at most <see cref="MaxSessions"/> sessions, one page each, one summary read each.
/// </summary>
internal static class ContextEvidenceReader
{
    public const int MaxSessions = 4;
    private const int MaxFactsWithTurns = 8;
    private const int MaxTurnsPerSession = 500;

    public static async Task<ContextEvidence> ReadAsync(IMemoryStore store, MemoryPartition partition, MemoryFilter filter, MemoryRecord? profile, MemoryRecord? sessionSummary, IReadOnlyList<RankedMemory> ranked, CancellationToken cancellationToken)
    {
        var sessions = ranked.Select(r => r.Memory.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxSessions).ToList();
        var facts = ranked.Where(r => r.Memory.Kind != MemoryKind.Turn && r.Memory.Provenance.OperationId is not null).Take(MaxFactsWithTurns).Select(r => r.Memory).ToList();
        var supporting = new Dictionary<string, IReadOnlyList<MemoryRecord>>(StringComparer.Ordinal);
        var summaries = new Dictionary<string, MemoryRecord>(StringComparer.Ordinal);
        foreach (var sessionId in sessions)
        {
            var inSession = facts.Where(f => f.SessionId == sessionId).ToList();
            if (inSession.Count > 0)
            {
                var turnFilter = filter with { Kinds = [MemoryKind.Turn], SessionId = sessionId, Tags = null, Metadata = null };
                var turns = (await store.ListAsync(partition, turnFilter, MaxTurnsPerSession, null, cancellationToken)).Items;
                foreach (var fact in inSession)
                {
                    supporting[fact.Id] = [.. turns.Where(t => t.Provenance.OperationId == fact.Provenance.OperationId && t.Provenance.MessageIds.Intersect(fact.Provenance.MessageIds).Any())];
                }
            }

            if (await store.GetAsync(partition, MemoryIds.ForSessionSummary(partition, sessionId), cancellationToken) is { } summary && summary.IsVisibleAt(filter.At, includeSuperseded: false))
            {
                summaries[sessionId] = summary;
            }
        }

        return new ContextEvidence(profile, sessionSummary, ranked, supporting, summaries);
    }
}
