using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>
/// The partition epoch against the gateway double with the store's own client options (content response on write off, so the
/// SDK sends <c>Prefer: return=minimal</c>): the first write of a new user, throttling and outages on the epoch document,
/// and an erase while fenced writes keep the epoch document busy.
/// </summary>
public sealed class PartitionEpochGatewayTests
{
    private static readonly MemoryPartition Partition = new("t", "new-user");

    [Fact]
    public async Task GetEpochAsync_NewUserUnderReturnMinimal_CreatesEpochZero()
    {
        using var stores = new GatewayStores();

        var epoch = await stores.Memories.GetEpochAsync(Partition);

        Assert.Equal(0, epoch);
        var create = Assert.Single(stores.Gateway.Requests, r => r.Method == HttpMethod.Post && !r.IsQuery && !r.IsBatch);
        Assert.Equal("return=minimal", create.Header("Prefer"));
        Assert.Equal(0, (long)stores.Gateway.Documents.Find("[\"t\",\"new-user\"]", "e|epoch")!["epoch"]!);
    }

    [Fact]
    public async Task AddAsync_FirstFencedWriteOfANewUser_Written()
    {
        using var stores = new GatewayStores();
        var memory = TestRecords.Memory(Partition);

        var result = await stores.Memories.AddAsync(Partition, memory, TestRecords.Added(memory), MemoryWriteOptions.InEpoch(0));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(1, (long)stores.Gateway.Documents.Find("[\"t\",\"new-user\"]", "e|epoch")!["fencedWrites"]!);
    }

    [Fact]
    public async Task CreateAsync_FirstOperationOfANewUser_Written()
    {
        using var stores = new GatewayStores();

        var result = await stores.Operations.CreateAsync(TestRecords.Operation(Partition));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.NotNull(await stores.Operations.GetAsync(Partition, "op_1"));
    }

    [Theory]
    [InlineData(429, StoreFailureKind.Throttled)]
    [InlineData(503, StoreFailureKind.Unavailable)]
    public async Task GetEpochAsync_EpochReadFails_StoreFailureWithTheServicesRetryAfter(int status, StoreFailureKind kind)
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Get && r.Path.EndsWith("/e|epoch", StringComparison.Ordinal), () => GatewayResponses.Status((HttpStatusCode)status, retryAfter: TimeSpan.FromMilliseconds(700)));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.GetEpochAsync(Partition));

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(700), failure.RetryAfter);
    }

    [Fact]
    public async Task EraseAsync_EpochCreateThrottled_StoreFailureNotARawCosmosException()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Post && !r.IsQuery && !r.IsBatch && !r.IsQueryPlan, () => GatewayResponses.Status(HttpStatusCode.TooManyRequests, 3200, retryAfter: TimeSpan.FromSeconds(2)));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.EraseAsync(Partition));

        Assert.Equal(StoreFailureKind.Throttled, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
    }

    [Fact(Timeout = 30_000)]
    public async Task EraseAsync_EveryConditionalReplaceOfTheEpochLoses_StillAdvancesOnce()
    {
        // Fenced writes patch the epoch document all the time, so a read-then-replace under If-Match can lose forever; the
        // advance must not depend on winning that race.
        using var stores = new GatewayStores();
        await stores.Memories.GetEpochAsync(Partition);
        stores.Gateway.On(r => r.Method == HttpMethod.Put && r.Path.EndsWith("/e|epoch", StringComparison.Ordinal), () => GatewayResponses.Status(HttpStatusCode.PreconditionFailed));

        var erased = await stores.Memories.EraseAsync(Partition);

        Assert.Equal(1, erased.Epoch);
        Assert.Equal(1, await stores.Memories.GetEpochAsync(Partition));
    }
}
