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
        // No 400 is swallowed here: start-up refuses a container without full-text search when it is configured, so a
        // rejected query is a bug (syntax, a feature the engine lacks) that must surface, not an empty channel.
        var options = FeedReader.InPartition(CosmosPartitionKeys.For(partition));
        options.FullTextScoreScope = FullTextScoreScope.Local;
        var hits = await FeedReader.ToListAsync<VectorHit>(
            _container, CosmosQueryBuilder.LexicalSearch(query, terms, visibleFrom), options, "search.fulltext", cancellationToken);
        return hits.Select((hit, i) => (DocumentMapper.ToRecord(hit.Memory), hit.Score, i + 1)).ToList();
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
