using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>The start-up check of which model made the container's vectors, through the real SDK against the scripted gateway.</summary>
public sealed class EmbeddingModelGatewayTests
{
    private const string StampPath = "/dbs/memory/colls/memories/docs/s|embedding-model";
    private static readonly string ConfiguredModel = typeof(FakeEmbeddingGenerator).FullName!;

    [Fact]
    public async Task StartAsync_NoModelRecorded_RecordsTheConfiguredModelInTheStorePartition()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Post && r.Path.EndsWith("/docs", StringComparison.Ordinal) && !r.IsQuery, () => GatewayResponses.Json(HttpStatusCode.Created, new JsonObject()));

        await Initializer(stores).StartAsync(CancellationToken.None);

        var create = Assert.Single(stores.Gateway.Requests, r => r.Method == HttpMethod.Post);
        var body = JsonNode.Parse(create.Body)!;
        Assert.Equal("s|embedding-model", body["id"]!.GetValue<string>());
        Assert.Equal(ConfiguredModel, body["modelId"]!.GetValue<string>());
        Assert.Equal(1536, body["dimensions"]!.GetValue<int>());
        Assert.Equal("[\"_store\",\"_store\"]", create.PartitionKey);
        Assert.Null(body["ttl"]);
    }

    [Fact]
    public async Task StartAsync_SameModelRecorded_StartsWithoutWriting()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Get && r.Path == StampPath, () => Stamp(ConfiguredModel, 1536));

        await Initializer(stores).StartAsync(CancellationToken.None);

        Assert.DoesNotContain(stores.Gateway.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task StartAsync_OtherModelOfTheSameLengthRecorded_RefusesToStartNamingBothAndTheFix()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Get && r.Path == StampPath, () => Stamp("text-embedding-3-small", 1536));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("'text-embedding-3-small' (1536-dimensional)", failure.Message, StringComparison.Ordinal);
        Assert.Contains(ConfiguredModel, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:ContainerName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AnotherInstanceRecordedFirst_ComparesWithWhatItWrote()
    {
        using var stores = new GatewayStores();
        var reads = 0;
        stores.Gateway.On(r => r.Method == HttpMethod.Get && r.Path == StampPath && Interlocked.Increment(ref reads) > 1, () => Stamp("other-model", 1536));
        stores.Gateway.On(r => r.Method == HttpMethod.Post && !r.IsQuery, () => GatewayResponses.Status(HttpStatusCode.Conflict));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("'other-model'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoEmbedderRegistered_NeitherReadsNorWritesTheRecord()
    {
        using var stores = new GatewayStores();

        await new CosmosContainerInitializer(stores.Container, ContainerDefinition.Load(), NullLogger<CosmosContainerInitializer>.Instance).StartAsync(CancellationToken.None);

        Assert.DoesNotContain(stores.Gateway.Requests, r => r.Path.Contains("embedding-model", StringComparison.Ordinal));
    }

    private static HttpResponseMessage Stamp(string modelId, int dimensions) => GatewayResponses.Json(HttpStatusCode.OK, new JsonObject
    {
        ["id"] = "s|embedding-model",
        ["type"] = "embeddingModel",
        ["tenantId"] = "_store",
        ["userId"] = "_store",
        ["modelId"] = modelId,
        ["dimensions"] = dimensions,
        ["recordedAt"] = "2026-11-01T12:00:00.0000000+00:00",
    });

    private static CosmosContainerInitializer Initializer(GatewayStores stores) =>
        new(stores.Container, ContainerDefinition.Load(), NullLogger<CosmosContainerInitializer>.Instance)
        {
            Embedder = new FakeEmbeddingGenerator(),
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)),
        };
}
