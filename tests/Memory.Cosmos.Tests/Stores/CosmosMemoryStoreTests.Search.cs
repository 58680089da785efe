using System.Net;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>Search channels and list paging against the fake container's canned query results.</summary>
public sealed partial class CosmosMemoryStoreTests
{
    [Fact]
    public async Task SearchAsync_BothChannels_RanksPerChannelMergedById()
    {
        var tea = Memory("Likes green tea");
        var coffee = Memory("Likes coffee");
        var teaTime = Memory("Tea time is at five");
        _container.Query = (query, _) => query.QueryText.Contains("FullTextScore", StringComparison.Ordinal)
            ? [Hit(teaTime, 0.5), Hit(tea, 0.9)]
            : [Hit(tea, 0.9), Hit(coffee, 0.7)];

        var candidates = await Store().SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "tea?", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(3, candidates.Count);
        Assert.Equal((0.9, 1, (double?)null, 2), Ranks(candidates, tea.Id));
        Assert.Equal((0.7, 2, (double?)null, (int?)null), Ranks(candidates, coffee.Id));
        Assert.Equal(((double?)0.5, (int?)null, (double?)null, 1), Ranks(candidates, teaTime.Id));
    }

    [Fact]
    public async Task SearchAsync_Queries_SinglePartitionAndLocalBm25Scope()
    {
        _container.Query = (_, _) => [];

        await Store().SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "tea", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(2, _container.Queries.Count);
        Assert.All(_container.Queries, q => Assert.Equal(CosmosPartitionKeysFor(), q.Options!.PartitionKey));
        Assert.Equal(FullTextScoreScope.Local, _container.Queries[1].Options!.FullTextScoreScope);
        Assert.Contains(_container.Queries[1].Query.GetQueryParameters(), p => p.Name == "@term0" && "tea".Equals(p.Value));
    }

    [Fact]
    public async Task SearchAsync_FullTextSearchOff_TermOverlapOverVectorCandidatesOnly()
    {
        var tea = Memory("Likes green tea");
        var coffee = Memory("Likes coffee");
        _container.Query = (_, _) => [Hit(coffee, 0.9), Hit(tea, 0.8)];

        var candidates = await Store(fullText: false).SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "green tea", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Single(_container.Queries);
        Assert.Equal((0.8, 2, (double?)null, 1), Ranks(candidates, tea.Id));
        Assert.Null(candidates.Single(c => c.Memory.Id == coffee.Id).LexicalRank);
    }

    [Fact]
    public async Task SearchAsync_NoTermsInText_NoLexicalQuery()
    {
        _container.Query = (_, _) => [];

        await Store().SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], " ?! ", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Single(_container.Queries);
    }

    [Fact]
    public async Task ListAsync_Page_PartitionScopedWithPageSize()
    {
        var tea = Memory("Likes green tea");
        _container.Query = (_, _) => [Doc(tea)];

        var page = await Store().ListAsync(Partition, new MemoryFilter { At = _clock.GetUtcNow() }, 25, null);

        Assert.Equal([tea.Id], page.Items.Select(m => m.Id));
        Assert.Null(page.ContinuationToken);
        var (_, options) = Assert.Single(_container.Queries);
        Assert.Equal(25, options!.MaxItemCount);
        Assert.Equal(CosmosPartitionKeysFor(), options.PartitionKey);
    }

    private static PartitionKey CosmosPartitionKeysFor() => MemoryFunctions.Cosmos.Stores.CosmosPartitionKeys.For(Partition);

    private MemoryDocument Doc(Core.Domain.MemoryRecord memory) => DocumentMapper.ToDocument(Partition, memory, _clock.GetUtcNow(), epoch: 0);

    private VectorHit Hit(Core.Domain.MemoryRecord memory, double score) => new() { Memory = Doc(memory), Score = score };

    private static (double?, int?, double?, int?) Ranks(IReadOnlyList<SearchCandidate> candidates, string id)
    {
        var candidate = candidates.Single(c => c.Memory.Id == id);
        return (candidate.VectorSimilarity, candidate.VectorRank, candidate.LexicalScore, candidate.LexicalRank);
    }
}
