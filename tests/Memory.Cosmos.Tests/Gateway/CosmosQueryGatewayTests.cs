using System.Net;
using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>What the store sends through the real SDK for queries, and how it reads the answers, against the gateway double.</summary>
public sealed class CosmosQueryGatewayTests
{
    private static readonly MemoryPartition Partition = new("t", "u");
    private static readonly MemoryFilter Filter = new() { At = TestRecords.Now.AddHours(1) };

    [Fact]
    public async Task SearchAsync_BothChannels_LiteralTopNoEmbeddingFullKeyOnEveryChannelQuery()
    {
        using var stores = new GatewayStores();
        await AddAsync(stores, TestRecords.Memory(Partition, "Tea please", TestRecords.Now) with { Embedding = Unit(0) });

        await stores.Memories.SearchAsync(Partition, new MemorySearchQuery(Unit(0), "tea please", Filter, 10));

        // The store's SQL travels in the query plan requests; the SDK then runs the rewritten queries the plans return.
        var plans = stores.Gateway.Requests.Where(r => r.IsQueryPlan).ToList();
        Assert.Equal(4, plans.Count);
        Assert.All(plans, plan =>
        {
            Assert.StartsWith("SELECT TOP 10 {", plan.Sql, StringComparison.Ordinal);
            Assert.Null(plan.Parameter("@top"));
            Assert.DoesNotContain("\"embedding\"", plan.Sql, StringComparison.Ordinal);
        });
        // The lexical channel: one BM25 query per full-text path (the text, a kept turn's resolved dates and preceding turn).
        Assert.Contains("ORDER BY RANK FullTextScore(c.text, @term0, @term1)", plans[1].Sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY RANK FullTextScore(c.resolvedDates, @term0, @term1)", plans[2].Sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY RANK FullTextScore(c.precedingText, @term0, @term1)", plans[3].Sql, StringComparison.Ordinal);

        // Every channel query is scoped to the user's full hierarchical key; only the full-text statistics queries are not: the
        // SDK sends them to the physical partition range, so BM25 statistics cover every user that range holds.
        var queries = stores.Gateway.Queries;
        var statistics = queries.Where(q => q.Sql!.StartsWith("SELECT COUNT(1) AS documentCount", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, statistics.Count);
        Assert.All(statistics, q => Assert.Null(q.PartitionKey));
        Assert.All(queries.Except(statistics), q => Assert.Equal(["t", "u"], JsonSerializer.Deserialize<string[]>(q.PartitionKey!)!));
    }

    [Fact]
    public async Task SearchAsync_FullTextQueryRejected_FailsInsteadOfDroppingTheLexicalChannel()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.IsQuery && r.Sql!.Contains("FullTextScore", StringComparison.Ordinal), () => GatewayResponses.Status(HttpStatusCode.BadRequest, message: "Syntax error near 'RANK'"));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.SearchAsync(Partition, new MemorySearchQuery(Unit(0), "tea", Filter, 10)));

        Assert.Equal(StoreFailureKind.Rejected, failure.Kind);
    }

    [Fact]
    public async Task SearchAsync_LexicalOnlyHit_CarriesItsVectorSimilarity()
    {
        using var stores = new GatewayStores();
        var near = TestRecords.Memory(Partition, "The user walks the dog", TestRecords.Now) with { Embedding = Unit(0) };
        var far = TestRecords.Memory(Partition, "The user drinks tea", TestRecords.Now) with { Embedding = Unit(0, 1) };
        await AddAsync(stores, near, far);

        var candidates = await stores.Memories.SearchAsync(Partition, new MemorySearchQuery(Unit(0), "tea", Filter, 1));

        var lexicalOnly = Assert.Single(candidates, c => c.VectorRank is null);
        Assert.Equal(far.Id, lexicalOnly.Memory.Id);
        Assert.Equal(1, lexicalOnly.LexicalRank);
        Assert.Equal(Math.Sqrt(0.5), lexicalOnly.VectorSimilarity!.Value, 5);
    }

    [Fact]
    public async Task ListAsync_CallersTokenRejected_InvalidContinuationToken()
    {
        using var stores = new GatewayStores();
        await AddAsync(stores, TestRecords.Memory(Partition, "First", TestRecords.Now), TestRecords.Memory(Partition, "Second", TestRecords.Now.AddMinutes(-1)));
        var first = await stores.Memories.ListAsync(Partition, Filter, 1, null);
        Assert.NotNull(first.ContinuationToken);

        // The service refuses a token it cannot resume (after a split, or for other filters) with 400.
        stores.Gateway.On(r => r.IsQuery && r.Header("x-ms-continuation") is not null, () => GatewayResponses.Status(HttpStatusCode.BadRequest, message: "Invalid continuation token"));

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => stores.Memories.ListAsync(Partition, Filter, 1, first.ContinuationToken));
    }

    [Fact]
    public async Task ListAsync_ShortPages_ToppedUpToThePageSizeInOrder()
    {
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { MaxItemsPerPage = 1 });
        var memories = Enumerable.Range(0, 3).Select(i => TestRecords.Memory(Partition, $"Fact {i}", TestRecords.Now.AddMinutes(-i))).ToArray();
        await AddAsync(stores, memories);

        var page = await stores.Memories.ListAsync(Partition, Filter, 5, null);

        Assert.Equal(memories.Select(m => m.Id), page.Items.Select(m => m.Id));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_RejectedWhileToppingUpOurOwnPage_StoreFailureNotBlamedOnTheCaller()
    {
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { MaxItemsPerPage = 1 });
        await AddAsync(stores, TestRecords.Memory(Partition, "First", TestRecords.Now), TestRecords.Memory(Partition, "Second", TestRecords.Now.AddMinutes(-1)));
        stores.Gateway.On(r => r.IsQuery && r.Header("x-ms-continuation") is not null, () => GatewayResponses.Status(HttpStatusCode.BadRequest));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.ListAsync(Partition, Filter, 5, null));

        Assert.Equal(StoreFailureKind.Rejected, failure.Kind);
        Assert.All(stores.Gateway.Queries, query => Assert.Equal("False", query.Header("x-ms-cosmos-query-optimisticdirectexecute")));
    }

    [Fact]
    public async Task ListAsync_MetadataFilter_DocumentedGrammarWithTheKeyAsAParameter()
    {
        using var stores = new GatewayStores();
        var tagged = TestRecords.Memory(Partition, "Tagged", TestRecords.Now) with { Metadata = new Dictionary<string, MetadataValue> { ["team's \"key\"]"] = MetadataValue.FromString("red") } };
        await AddAsync(stores, tagged, TestRecords.Memory(Partition, "Plain", TestRecords.Now));

        var page = await stores.Memories.ListAsync(Partition, Filter with { Metadata = new Dictionary<string, MetadataValue> { ["team's \"key\"]"] = MetadataValue.FromString("red") } }, 10, null);

        Assert.Equal([tagged.Id], page.Items.Select(m => m.Id));
        var plan = stores.Gateway.Requests.First(r => r.IsQueryPlan);
        Assert.DoesNotContain("[@", plan.Sql, StringComparison.Ordinal);
        Assert.Equal("team's \"key\"]", JsonSerializer.Deserialize<string>(plan.Parameter("@metaKey0")!));
    }

    private static async Task AddAsync(GatewayStores stores, params MemoryRecord[] memories)
    {
        foreach (var memory in memories)
        {
            Assert.Equal(WriteStatus.Written, (await stores.Memories.AddAsync(Partition, memory, TestRecords.Added(memory))).Status);
        }
    }

    private static float[] Unit(params int[] axes)
    {
        var vector = new float[1536];
        foreach (var axis in axes)
        {
            vector[axis] = 1 / MathF.Sqrt(axes.Length);
        }

        return vector;
    }
}
