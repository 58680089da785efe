using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Context;

/// <summary>
/// Gathers what a context block draws on besides the ranked memories: the profile, the current session's summary and
/// latest turns, the kept turns each top fact was extracted from (found through its provenance: same operation, one of
/// its message ids), the turns around the strongest hits (their sessions' turns in posted order), and the summaries of the
/// sessions the evidence comes from. Reads are bounded: turns of at most <see cref="MaxSessions"/> sessions, one page
/// each, one summary read each.
/// </summary>
internal static class ContextEvidenceReader
{
    public const int MaxSessions = 8;
    private const int MaxFactsWithTurns = 8;
    private const int MaxTurnsPerSession = 500;
    private const int RecentTurnsRead = 32;

    public static async Task<ContextEvidence> ReadAsync(IMemoryStore store, MemoryPartition partition, ContextRequest request, IReadOnlyList<RankedMemory> ranked, CancellationToken cancellationToken)
    {
        // Every read below is independent of the others, so they are made side by side: on Cosmos DB each is a round trip,
        // and one after the other they would add up to tens of them per block.
        var filter = request.Filter;
        var current = request.CurrentSessionId;
        var facts = ranked.Where(r => r.Memory.Kind != MemoryKind.Turn && r.Memory.Provenance.OperationId is not null).Take(MaxFactsWithTurns).Select(r => r.Memory).ToList();
        var hits = ContextRelevance.Spread(ranked).Where(r => r.Memory.Kind == MemoryKind.Turn).Take(MaxSessions).Select(r => r.Memory);
        var sessions = facts.Concat(hits).Select(m => m.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxSessions).ToList();
        var summarised = ranked.Select(r => r.Memory.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxSessions).ToList();

        var turnsRead = Task.WhenAll(sessions.Select(async sessionId => TurnContext.InPostedOrder(await TurnsAsync(store, partition, filter, sessionId, MaxTurnsPerSession, cancellationToken)).ToList()));
        var summariesRead = Task.WhenAll(summarised.Select(sessionId => SummaryAsync(store, partition, filter, sessionId, cancellationToken)));
        var profileRead = store.GetAsync(partition, MemoryIds.ForProfile(partition), cancellationToken);
        var currentSummaryRead = current is null ? Task.FromResult<MemoryRecord?>(null) : SummaryAsync(store, partition, filter, current, cancellationToken);
        var recentRead = current is null ? Task.FromResult<IReadOnlyList<MemoryRecord>>([]) : TurnsAsync(store, partition, filter, current, RecentTurnsRead, cancellationToken);
        await Task.WhenAll(turnsRead, summariesRead, profileRead, currentSummaryRead, recentRead);

        var supporting = new Dictionary<string, IReadOnlyList<MemoryRecord>>(StringComparer.Ordinal);
        var sessionTurns = new Dictionary<string, IReadOnlyList<MemoryRecord>>(StringComparer.Ordinal);
        foreach (var (sessionId, turns) in sessions.Zip(await turnsRead))
        {
            sessionTurns[sessionId] = turns;
            foreach (var fact in facts.Where(f => f.SessionId == sessionId))
            {
                supporting[fact.Id] = [.. turns.Where(t => t.Provenance.OperationId == fact.Provenance.OperationId && t.Provenance.MessageIds.Intersect(fact.Provenance.MessageIds).Any())];
            }
        }

        var summaries = summarised.Zip(await summariesRead).Where(pair => pair.Second is not null).ToDictionary(pair => pair.First, pair => pair.Second!, StringComparer.Ordinal);
        var profile = Visible(await profileRead, filter);
        return new ContextEvidence(profile, await currentSummaryRead, ranked, supporting, summaries)
        {
            Query = request.Query,
            StatementDates = profile is null ? null : await StatementDatesAsync(store, partition, request, profile, ranked, cancellationToken),
            SessionTurns = sessionTurns,
            RecentTurns = [.. TurnContext.InPostedOrder(await recentRead)],
        };
    }

    /// <summary>
    /// When each profile line the block may show was said: the event time of the fact it states, found among the ranked
    /// memories or else read by the id its text gives it (<see cref="MemoryIds.ForMemory"/>, in the request's agent scope
    /// and the user's): only for the few lines the question selects, their point reads side by side.
    /// </summary>
    private static async Task<Dictionary<string, DateTimeOffset>> StatementDatesAsync(IMemoryStore store, MemoryPartition partition, ContextRequest request, MemoryRecord profile, IReadOnlyList<RankedMemory> ranked, CancellationToken cancellationToken)
    {
        async Task<(string Statement, MemoryRecord? Stated)> StatedAsync(string line)
        {
            var statement = MemoryIds.Normalize(line);
            var stated = ranked.FirstOrDefault(r => r.Memory.Kind != MemoryKind.Turn && MemoryIds.Normalize(r.Memory.Text) == statement)?.Memory;
            foreach (var agentId in new[] { request.Filter.AgentId, null }.Distinct())
            {
                stated ??= await store.GetAsync(partition, MemoryIds.ForMemory(partition, agentId, line), cancellationToken);
            }

            return (statement, stated);
        }

        var found = await Task.WhenAll(new ContextRelevance(request.Query).ProfileLines(profile.Text, ranked).Select(StatedAsync));
        return found.Where(pair => pair.Stated is { Kind: not MemoryKind.Turn }).DistinctBy(pair => pair.Statement, StringComparer.Ordinal)
            .ToDictionary(pair => pair.Statement, pair => pair.Stated!.ValidFrom, StringComparer.Ordinal);
    }

    /// <summary>The latest recorded turns of a session (up to <paramref name="count"/>), under the request's time and agent.</summary>
    private static async Task<IReadOnlyList<MemoryRecord>> TurnsAsync(IMemoryStore store, MemoryPartition partition, MemoryFilter filter, string sessionId, int count, CancellationToken cancellationToken)
    {
        var turnFilter = filter with { Kinds = [MemoryKind.Turn], SessionId = sessionId, Tags = null, Metadata = null };
        return (await store.ListAsync(partition, turnFilter, count, null, cancellationToken)).Items;
    }

    private static async Task<MemoryRecord?> SummaryAsync(IMemoryStore store, MemoryPartition partition, MemoryFilter filter, string sessionId, CancellationToken cancellationToken) =>
        Visible(await store.GetAsync(partition, MemoryIds.ForSessionSummary(partition, sessionId), cancellationToken), filter);

    private static MemoryRecord? Visible(MemoryRecord? memory, MemoryFilter filter) =>
        memory is not null && memory.IsVisibleAt(filter.At, includeSuperseded: false) ? memory : null;
}
