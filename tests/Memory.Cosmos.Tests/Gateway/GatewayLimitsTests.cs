using System.Net;
using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>
/// The gateway double refuses what the service refuses, through the real SDK: each limit below is the documented one
/// (https://learn.microsoft.com/azure/cosmos-db/concepts-limits), each throttle the documented answer.
/// </summary>
public sealed class GatewayLimitsTests
{
    private static readonly MemoryPartition Partition = new("t", "u");
    private static readonly PartitionKey Key = new PartitionKeyBuilder().Add("t").Add("u").Build();

    [Fact]
    public async Task CreateItem_UnderReturnMinimal_EmptyBodyWithETag()
    {
        using var stores = new GatewayStores();

        using var response = await stores.Container.Container.CreateItemStreamAsync(Json("{\"id\":\"x\",\"tenantId\":\"t\",\"userId\":\"u\"}"), Key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Content is null || response.Content.Length == 0);
        Assert.False(string.IsNullOrEmpty(response.Headers.ETag));
    }

    [Fact]
    public async Task CreateItem_LargerThanTwoMegabytes_RequestEntityTooLarge()
    {
        using var stores = new GatewayStores();
        var body = "{\"id\":\"big\",\"tenantId\":\"t\",\"userId\":\"u\",\"text\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";

        using var response = await stores.Container.Container.CreateItemStreamAsync(Json(body), Key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, stores.Gateway.Documents.Count);
    }

    [Fact]
    public async Task CreateItem_PartitionKeyDiffersFromTheDocuments_BadRequest1001()
    {
        using var stores = new GatewayStores();

        using var response = await stores.Container.Container.CreateItemStreamAsync(Json("{\"id\":\"x\",\"tenantId\":\"t\",\"userId\":\"someone-else\"}"), Key);

        Assert.Equal((HttpStatusCode.BadRequest, "1001"), (response.StatusCode, response.Headers["x-ms-substatus"]));
    }

    [Fact]
    public async Task Batch_MoreThanOneHundredOperations_BadRequestAndNothingWritten()
    {
        using var stores = new GatewayStores();
        var batch = stores.Container.Container.CreateTransactionalBatch(Key);
        for (var i = 0; i < 101; i++)
        {
            batch.CreateItemStream(Json($"{{\"id\":\"d{i}\",\"tenantId\":\"t\",\"userId\":\"u\"}}"));
        }

        using var response = await batch.ExecuteAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, stores.Gateway.Documents.Count);
    }

    [Fact]
    public async Task Batch_OneOperationFails_NoneApplied424ForTheOthers()
    {
        using var stores = new GatewayStores();
        using (await stores.Container.Container.CreateItemStreamAsync(Json("{\"id\":\"taken\",\"tenantId\":\"t\",\"userId\":\"u\"}"), Key))
        {
        }

        using var response = await stores.Container.Container.CreateTransactionalBatch(Key)
            .CreateItemStream(Json("{\"id\":\"new\",\"tenantId\":\"t\",\"userId\":\"u\"}"))
            .CreateItemStream(Json("{\"id\":\"taken\",\"tenantId\":\"t\",\"userId\":\"u\"}"))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.Conflict], response.Select(r => r.StatusCode));
        Assert.Equal(["taken"], stores.Gateway.Documents.Ids("[\"t\",\"u\"]"));
    }

    [Fact]
    public async Task Patch_MoreThanTenOperations_BadRequest()
    {
        using var stores = new GatewayStores();
        using (await stores.Container.Container.CreateItemStreamAsync(Json("{\"id\":\"p\",\"tenantId\":\"t\",\"userId\":\"u\",\"n\":0}"), Key))
        {
        }

        using var response = await stores.Container.Container.PatchItemStreamAsync("p", Key, Enumerable.Range(0, 11).Select(_ => PatchOperation.Increment("/n", 1)).ToList());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AddAsync_LogicalPartitionFull_FullNotRetried()
    {
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { LogicalPartitionLimitBytes = 8 * 1024 });
        var first = TestRecords.Memory(Partition, "first");

        Assert.Equal(WriteStatus.Written, (await stores.Memories.AddAsync(Partition, first, TestRecords.Added(first))).Status);
        var second = TestRecords.Memory(Partition, "second") with { Embedding = Enumerable.Repeat(0.123456f, 1536).ToArray() };
        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.AddAsync(Partition, second, TestRecords.Added(second)));

        Assert.Equal((StoreFailureKind.Full, "403/1014", false), (failure.Kind, failure.BackendStatus, failure.IsTransient));
    }

    [Fact]
    public async Task AddAsync_DuringFailover_UnavailableTransientWithRetryAfterReadsStillServed()
    {
        using var stores = new GatewayStores();
        var kept = TestRecords.Memory(Partition, "kept");
        await stores.Memories.AddAsync(Partition, kept, TestRecords.Added(kept));
        stores.Gateway.BeginFailover();
        var memory = TestRecords.Memory(Partition, "during failover");

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.AddAsync(Partition, memory, TestRecords.Added(memory)));

        Assert.Equal((StoreFailureKind.Unavailable, "403/3", true), (failure.Kind, failure.BackendStatus, failure.IsTransient));
        Assert.NotNull(failure.RetryAfter);
        Assert.NotNull(await stores.Memories.GetAsync(Partition, kept.Id));
        stores.Gateway.EndFailover();
        Assert.Equal(WriteStatus.Written, (await stores.Memories.AddAsync(Partition, memory, TestRecords.Added(memory))).Status);
    }

    [Fact]
    public async Task Requests_OverTheBudgetOnAVirtualClock_429WithRetryAfterThenServedOnceTheClockMoves()
    {
        var clock = new FakeTimeProvider(TestRecords.Now);
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { ProvisionedThroughput = 100, Clock = clock });
        var memories = Enumerable.Range(0, 40).Select(i => TestRecords.Memory(Partition, $"memory {i}")).ToList();

        StoreFailureException? throttled = null;
        foreach (var memory in memories)
        {
            try
            {
                await stores.Memories.AddAsync(Partition, memory, TestRecords.Added(memory));
            }
            catch (StoreFailureException failure) when (failure.Kind == StoreFailureKind.Throttled)
            {
                throttled = failure;
                break;
            }
        }

        Assert.NotNull(throttled);
        Assert.InRange(throttled.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(1, stores.Gateway.Throughput.Throttled);

        // One request at a time: an add is two (the epoch read, then the batch), and the Retry-After covers the next one only.
        using (var early = await stores.Container.Container.ReadItemStreamAsync("m|absent", Key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        }

        clock.Advance(throttled.RetryAfter.Value);
        using var served = await stores.Container.Container.ReadItemStreamAsync("m|absent", Key);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        Assert.InRange(stores.Gateway.Throughput.Charged, 100, 200);
    }

    [Fact]
    public async Task LowPriority_WhileHighPriorityUsesTheBudget_ThrottledFirst()
    {
        var clock = new FakeTimeProvider(TestRecords.Now);
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { ProvisionedThroughput = 100, Clock = clock, PriorityBasedExecution = true });
        var container = stores.Container.Container;
        var high = new ItemRequestOptions { PriorityLevel = PriorityLevel.High };
        var low = new ItemRequestOptions { PriorityLevel = PriorityLevel.Low };

        // High priority spends 60 of the second's 100 RU; a low-priority request is then refused while high priority still runs.
        for (var i = 0; i < 12; i++)
        {
            using var written = await container.CreateItemStreamAsync(Json($"{{\"id\":\"h{i}\",\"tenantId\":\"t\",\"userId\":\"u\"}}"), Key, high);
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        }

        using var refused = await container.CreateItemStreamAsync(Json("{\"id\":\"l\",\"tenantId\":\"t\",\"userId\":\"u\"}"), Key, low);
        using var served = await container.CreateItemStreamAsync(Json("{\"id\":\"h\",\"tenantId\":\"t\",\"userId\":\"u\"}"), Key, high);

        Assert.Equal((HttpStatusCode.TooManyRequests, "3200"), (refused.StatusCode, refused.Headers["x-ms-substatus"]));
        Assert.NotNull(refused.Headers["x-ms-retry-after-ms"]);
        Assert.Equal(HttpStatusCode.Created, served.StatusCode);
        Assert.Equal("Low", stores.Gateway.Requests.Single(r => r.Path.EndsWith("/docs", StringComparison.Ordinal) && r.Content.Length > 0 && Encoding.UTF8.GetString(r.Content).Contains("\"l\"", StringComparison.Ordinal)).Header("x-ms-cosmos-priority-level"));
    }

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));
}
