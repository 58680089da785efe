using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// Hybrid candidates: a vector channel and a lexical channel, each a TOP-k query in the user's partition, returned with
/// their per-channel ranks. Fusion happens in Core's HybridRanker so every store ranks the same way.
/// </summary>
internal sealed partial class CosmosMemoryStore
{
    /// <summary>The reciprocal-rank constant of the SDK's RRF (HybridSearchCrossPartitionQueryPipelineStage), used to fuse the full-text paths.</summary>
    private const int RrfConstant = 60;

    public async Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.CandidateCount < 1)
        {
            return [];
        }

        var partitionKey = CosmosPartitionKeys.For(partition);
        var visibleFrom = (await EpochView.ReadAsync(_container, partition, cancellationToken)).VisibleFrom;
        var vector = query.Vector.Length == 0
            ? []
            : await FeedReader.ToListAsync<VectorHit>(
                _container, CosmosQueryBuilder.VectorSearch(query, visibleFrom), FeedReader.InPartition(partitionKey), "search.vector", cancellationToken);
        var vectorRanked = vector.Select((hit, i) => (Memory: DocumentMapper.ToRecord(hit.Memory), Score: hit.Score, Rank: i + 1)).ToList();

        var terms = SearchTerms.Extract(query.Text);
        Log.SearchTermsUsed(logger, partition.TenantId, string.Join(' ', terms));
        var lexicalRanked = terms.Count == 0
            ? []
            : memoryContainer.Settings.FullTextSearch
                ? await FullTextAsync(partition, query, terms, visibleFrom, cancellationToken)
                : TermOverlap(vectorRanked.Select(entry => entry.Memory), terms);

        return Merge(vectorRanked, lexicalRanked);
    }

    private async Task<List<(MemoryRecord Memory, double? Score, int Rank)>> FullTextAsync(
        MemoryPartition partition, MemorySearchQuery query, IReadOnlyList<string> terms, long? visibleFrom, CancellationToken cancellationToken)
    {
        // Local scope: BM25 statistics over this user's documents only, so one tenant's vocabulary does not skew another's scores.
        // No 400 is swallowed here: start-up refuses a container without full-text search on the text when it is configured,
        // and narrows the paths to those the container indexes, so a rejected query is a bug (syntax, a feature the engine
        // lacks) that must surface, not an empty channel.
        var options = FeedReader.InPartition(CosmosPartitionKeys.For(partition));
        options.FullTextScoreScope = FullTextScoreScope.Local;
        var rankings = new List<(string Path, List<VectorHit> Hits)>();
        foreach (var path in memoryContainer.SearchablePaths)
        {
            rankings.Add((path, await FeedReader.ToListAsync<VectorHit>(
                _container, CosmosQueryBuilder.LexicalSearch(query, terms, visibleFrom, path), options, "search.fulltext", cancellationToken)));
        }

        return FusePaths(rankings, query.CandidateCount);
    }

    /// <summary>
    /// One lexical ranking from each full-text path's BM25 ranking (the text; a kept turn's resolved dates and preceding turn):
    /// weighted reciprocal rank, <c>weight / (60 + rank)</c> summed over the paths a memory matched in, as the SDK fuses RRF,
    /// with the embedded store's BM25F field weights (text and resolved dates 1, the preceding turn ½; Memory.Local's
    /// <c>LexicalIndex.PrecedingWeight</c>); ties keep the text's order. Not one <c>RRF(FullTextScore(…), …)</c> query: that
    /// ranks every matching memory in every path, those without the field tied at score 0, and the SDK (3.64) ranks such
    /// ties by position, which outweighed the text's own order in the gateway double's runs.
    /// </summary>
    internal static List<(MemoryRecord Memory, double? Score, int Rank)> FusePaths(IReadOnlyList<(string Path, List<VectorHit> Hits)> rankings, int count)
    {
        var fused = new Dictionary<string, (VectorHit Hit, double Score, int FirstSeen)>(StringComparer.Ordinal);
        foreach (var (path, hits) in rankings)
        {
            var weight = path == "/precedingText" ? 0.5 : 1.0;
            for (var rank = 1; rank <= hits.Count; rank++)
            {
                var hit = hits[rank - 1];
                var add = weight / (RrfConstant + rank);
                fused[hit.Memory.Id] = fused.TryGetValue(hit.Memory.Id, out var seen) ? (seen.Hit, seen.Score + add, seen.FirstSeen) : (hit, add, fused.Count);
            }
        }

        return [.. fused.Values
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.FirstSeen)
            .Take(count)
            .Select((entry, i) => (DocumentMapper.ToRecord(entry.Hit.Memory), entry.Hit.Score, i + 1))];
    }

    /// <summary>
    /// Lexical fallback when <c>FullTextSearch</c> is off: re-rank the vector candidates by how many query terms their text
    /// contains. Costs no RU and needs no CONTAINS scan; it can only reorder what the vector channel found.
    /// </summary>
    internal static List<(MemoryRecord Memory, double? Score, int Rank)> TermOverlap(IEnumerable<MemoryRecord> candidates, IReadOnlyList<string> terms) =>
        candidates
            .Select((memory, order) => (Memory: memory, Order: order, Matches: SearchTerms.Extract(memory.Text).Count(terms.Contains)))
            .Where(entry => entry.Matches > 0)
            .OrderByDescending(entry => entry.Matches)
            .ThenBy(entry => entry.Order)
            .Select((entry, i) => (entry.Memory, (double?)null, i + 1))
            .ToList();

    private static List<SearchCandidate> Merge(
        List<(MemoryRecord Memory, double? Score, int Rank)> vector, List<(MemoryRecord Memory, double? Score, int Rank)> lexical)
    {
        var lexicalById = lexical.ToDictionary(entry => entry.Memory.Id, StringComparer.Ordinal);
        var candidates = vector
            .Select(v => lexicalById.TryGetValue(v.Memory.Id, out var l)
                ? new SearchCandidate(v.Memory, v.Score, v.Rank, null, l.Rank)
                : new SearchCandidate(v.Memory, v.Score, v.Rank, null, null))
            .ToList();
        var vectorIds = vector.Select(v => v.Memory.Id).ToHashSet(StringComparer.Ordinal);

        // FullTextScore cannot be projected by Cosmos DB, so the lexical channel reports ranks without a lexical score; the
        // similarity it carries is VectorDistance, with no vector rank (the vector channel did not return the memory).
        candidates.AddRange(lexical.Where(l => !vectorIds.Contains(l.Memory.Id)).Select(l => new SearchCandidate(l.Memory, l.Score, null, null, l.Rank)));
        return candidates;
    }
}
