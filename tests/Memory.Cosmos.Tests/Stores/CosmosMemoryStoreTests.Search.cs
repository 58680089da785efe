using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Tests.Gateway;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>Search channels and list paging against the gateway double's query engine.</summary>
public sealed partial class CosmosMemoryStoreTests
{
    [Fact]
    public async Task SearchAsync_BothChannels_RanksPerChannelMergedById()
    {
        var tea = Memory("Likes green tea") with { Embedding = Direction(1, 0) };
        var coffee = Memory("Likes coffee") with { Embedding = Direction(0.9f, 0.1f) };
        var teaTime = Memory("Tea time is at five") with { Embedding = Direction(0, 1) };
        foreach (var memory in new[] { tea, coffee, teaTime })
        {
            await Store().AddAsync(Partition, memory, Added(memory));
        }

        var candidates = await Store().SearchAsync(Partition, new MemorySearchQuery(Direction(1, 0), "tea?", new MemoryFilter { At = _clock.GetUtcNow() }, 2));

        Assert.Equal(3, candidates.Count);
        Assert.Equal((1, 1), Ranks(candidates, tea.Id));
        Assert.Equal((2, (int?)null), Ranks(candidates, coffee.Id));
        Assert.Equal(((int?)null, 2), Ranks(candidates, teaTime.Id));
        Assert.Equal(0, candidates.Single(c => c.Memory.Id == teaTime.Id).VectorSimilarity!.Value, 5);
        Assert.All(candidates, c => Assert.Null(c.LexicalScore));
    }

    [Fact]
    public async Task SearchAsync_RankedWithDefaultFusion_LexicalChannelChangesTheOrder()
    {
        // Defect 2: the lexical channel carries ranks but no FullTextScore; the default Standardized fusion scored it as 0,
        // so Cosmos hybrid search ordered by the vector alone and the memory that matched the words came second.
        var coffee = Memory("Likes coffee") with { Embedding = Direction(1, 0) };
        var tea = Memory("Likes green tea") with { Embedding = Direction(0.95f, 0.05f) };
        await Store().AddAsync(Partition, coffee, Added(coffee));
        await Store().AddAsync(Partition, tea, Added(tea));
        var ranker = new HybridRanker(Options.Create(new RankingOptions { RecencyWeight = 0, ImportanceWeight = 0 }), _clock);

        var candidates = await Store().SearchAsync(Partition, new MemorySearchQuery(Direction(1, 0), "green tea", new MemoryFilter { At = _clock.GetUtcNow() }, 5));
        var ranked = ranker.Rank(candidates, topK: 2, minScore: 0);

        Assert.Equal((2, 1), Ranks(candidates, tea.Id));
        Assert.Equal([tea.Id, coffee.Id], ranked.Select(r => r.Memory.Id));
        Assert.Equal(FusionMethod.ReciprocalRank, ranked[0].Explanation.Method);
    }

    [Fact]
    public async Task SearchAsync_FullTextSearchOff_TermOverlapOverVectorCandidatesOnly()
    {
        using var stores = new GatewayStores(fullTextSearch: false, clock: _clock);
        var tea = Memory("Likes green tea") with { Embedding = Direction(0.8f, 0.2f) };
        var coffee = Memory("Likes coffee") with { Embedding = Direction(1, 0) };
        await stores.Memories.AddAsync(Partition, tea, Added(tea));
        await stores.Memories.AddAsync(Partition, coffee, Added(coffee));

        var candidates = await stores.Memories.SearchAsync(Partition, new MemorySearchQuery(Direction(1, 0), "green tea", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Single(stores.Gateway.Requests, r => r.IsQueryPlan);
        Assert.Equal((2, 1), Ranks(candidates, tea.Id));
        Assert.Null(candidates.Single(c => c.Memory.Id == coffee.Id).LexicalRank);
    }

    [Fact]
    public async Task SearchAsync_NoTermsInText_NoLexicalQuery()
    {
        await Store().SearchAsync(Partition, new MemorySearchQuery(Direction(1, 0), " ?! ", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Single(_stores.Gateway.Requests, r => r.IsQueryPlan);
    }

    [Fact]
    public async Task ListAsync_Page_PartitionScopedWithPageSize()
    {
        var tea = Memory("Likes green tea");
        await Store().AddAsync(Partition, tea, Added(tea));

        var page = await Store().ListAsync(Partition, new MemoryFilter { At = _clock.GetUtcNow() }, 25, null);

        Assert.Equal([tea.Id], page.Items.Select(m => m.Id));
        Assert.Null(page.ContinuationToken);
        var query = Assert.Single(_stores.Gateway.Queries);
        Assert.Equal("25", query.Header("x-ms-max-item-count"));
        Assert.Equal(PartitionKey, query.PartitionKey);
    }

    private static float[] Direction(float x, float y)
    {
        var vector = new float[1536];
        var norm = MathF.Sqrt((x * x) + (y * y));
        vector[0] = x / norm;
        vector[1] = y / norm;
        return vector;
    }

    private static (int?, int?) Ranks(IReadOnlyList<SearchCandidate> candidates, string id)
    {
        var candidate = candidates.Single(c => c.Memory.Id == id);
        return (candidate.VectorRank, candidate.LexicalRank);
    }
}
