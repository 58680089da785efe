using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Documents;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>What the store sends through the real SDK, and how it reads the answers, for queries.</summary>
public sealed class CosmosQueryGatewayTests
{
    private static readonly MemoryPartition Partition = new("t", "u");
    private static readonly MemoryFilter Filter = new() { At = TestRecords.Now };

    [Fact]
    public async Task SearchAsync_BothChannels_LiteralTopNoEmbeddingFullKeySinglePartition()
    {
        using var stores = new GatewayStores();

        await stores.Memories.SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "tea please", Filter, 10));

        var queries = stores.Gateway.Queries;
        Assert.Equal(2, queries.Count);
        Assert.All(queries, query =>
        {
            Assert.StartsWith("SELECT TOP 10 {", query.Sql, StringComparison.Ordinal);
            Assert.Null(query.Parameter("@top"));

            // The embedding is read only inside VectorDistance, never projected.
            Assert.DoesNotContain("\"embedding\"", query.Sql, StringComparison.Ordinal);
            Assert.Equal(["t", "u"], JsonSerializer.Deserialize<string[]>(query.PartitionKey!)!);
        });
        Assert.Contains("ORDER BY RANK FullTextScore(c.text, @term0, @term1)", queries[1].Sql, StringComparison.Ordinal);
        Assert.All(stores.Gateway.Requests, request => Assert.NotNull(request.PartitionKey));
    }

    [Fact]
    public async Task SearchAsync_FullTextQueryRejected_FailsInsteadOfDroppingTheLexicalChannel()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.IsQuery && r.Sql!.Contains("FullTextScore", StringComparison.Ordinal), () => GatewayResponses.Status(HttpStatusCode.BadRequest, message: "Syntax error near 'RANK'"));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "tea", Filter, 10)));

        Assert.Equal(StoreFailureKind.Rejected, failure.Kind);
    }

    [Fact]
    public async Task SearchAsync_LexicalOnlyHit_CarriesItsVectorSimilarity()
    {
        using var stores = new GatewayStores();
        var hit = new JsonObject { ["memory"] = Document(TestRecords.Memory(Partition)), ["score"] = 0.75 };
        stores.Gateway.On(r => r.IsQuery && r.Sql!.Contains("FullTextScore", StringComparison.Ordinal), () => GatewayResponses.Page([hit]));

        var candidate = Assert.Single(await stores.Memories.SearchAsync(Partition, new MemorySearchQuery([1, 0, 0], "tea", Filter, 10)));

        Assert.Equal(1, candidate.LexicalRank);
        Assert.Null(candidate.VectorRank);
        Assert.Equal(0.75, candidate.VectorSimilarity);
    }

    [Fact]
    public async Task ListAsync_CallersTokenRejected_InvalidContinuationToken()
    {
        using var stores = new GatewayStores();
        var calls = 0;
        stores.Gateway.On(r => r.IsQuery && Interlocked.Increment(ref calls) == 1
            ? GatewayResponses.Page([Document(TestRecords.Memory(Partition))], continuation: "page-2")
            : r.IsQuery ? GatewayResponses.Status(HttpStatusCode.BadRequest, message: "Invalid continuation token") : null);
        var first = await stores.Memories.ListAsync(Partition, Filter, 1, null);

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => stores.Memories.ListAsync(Partition, Filter, 1, first.ContinuationToken));
    }

    [Fact]
    public async Task ListAsync_RejectedWhileToppingUpOurOwnPage_StoreFailureNotBlamedOnTheCaller()
    {
        using var stores = new GatewayStores();
        var calls = 0;
        stores.Gateway.On(r => r.IsQuery && Interlocked.Increment(ref calls) == 1
            ? GatewayResponses.Page([Document(TestRecords.Memory(Partition))], continuation: "page-2")
            : r.IsQuery ? GatewayResponses.Status(HttpStatusCode.BadRequest) : null);

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.ListAsync(Partition, Filter, 5, null));

        Assert.Equal(StoreFailureKind.Rejected, failure.Kind);
        Assert.All(stores.Gateway.Queries, query => Assert.Equal("False", query.Header("x-ms-cosmos-query-optimisticdirectexecute")));
    }

    private static JsonNode Document(MemoryRecord memory) =>
        JsonSerializer.SerializeToNode(DocumentMapper.ToDocument(Partition, memory, TestRecords.Now), CosmosJson.Options)!;
}
