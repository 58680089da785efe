using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>Service errors at the HTTP boundary become StoreFailureExceptions with the right kind, wait and remedy.</summary>
public sealed class CosmosStoreFailureTests
{
    private static readonly MemoryPartition Partition = new("t", "u");

    [Fact]
    public async Task GetAsync_ThrottledAfterRetries_ThrottledWithTheServicesRetryAfter()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Get, () => GatewayResponses.Status((HttpStatusCode)429, 3200, retryAfter: TimeSpan.FromMilliseconds(1500)));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.GetAsync(Partition, "m1"));

        Assert.Equal(StoreFailureKind.Throttled, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), failure.RetryAfter);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task GetAsync_MissingDataPlaneRole_AccessDeniedNamingTheRole()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(_ => true, () => GatewayResponses.Status(HttpStatusCode.Forbidden, 5301, "principal does not have required RBAC permissions"));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Memories.GetAsync(Partition, "m1"));

        Assert.Equal(StoreFailureKind.AccessDenied, failure.Kind);
        Assert.Equal("403/5301", failure.BackendStatus);
        Assert.Contains("Cosmos DB Built-in Data Contributor", failure.Remedy, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task CreateAsync_PartitionAtSizeLimit_Full()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Post, () => GatewayResponses.Status(HttpStatusCode.Forbidden, 1014));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => stores.Operations.CreateAsync(TestRecords.Operation(Partition) with { IdempotencyKey = "key" }));

        Assert.Equal(StoreFailureKind.Full, failure.Kind);
    }

    [Fact]
    public async Task AddAsync_BatchTooLarge_TooLarge()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.IsBatch, () => GatewayResponses.Status(HttpStatusCode.RequestEntityTooLarge));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(
            () => stores.Memories.AddAsync(Partition, TestRecords.Memory(Partition), TestRecords.Added(TestRecords.Memory(Partition)), MemoryWriteOptions.InEpoch(0)));

        Assert.Equal(StoreFailureKind.TooLarge, failure.Kind);
        Assert.Equal(["t", "u"], System.Text.Json.JsonSerializer.Deserialize<string[]>(stores.Gateway.Requests.Single(r => r.IsBatch).PartitionKey!)!);
    }

    [Fact]
    public async Task ExportAsync_ServiceUnavailable_UnavailableAndTransient()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.IsQuery, () => GatewayResponses.Status(HttpStatusCode.ServiceUnavailable));

        var failure = await Assert.ThrowsAsync<StoreFailureException>(async () => await stores.Operations.ExportAsync(Partition).ToListAsync());

        Assert.Equal(StoreFailureKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
    }

    [Theory]
    [InlineData(429, 0, StoreFailureKind.Throttled)]
    [InlineData(408, 0, StoreFailureKind.Unavailable)]
    [InlineData(503, 0, StoreFailureKind.Unavailable)]
    [InlineData(401, 0, StoreFailureKind.AccessDenied)]
    [InlineData(403, 5301, StoreFailureKind.AccessDenied)]
    [InlineData(403, 1014, StoreFailureKind.Full)]
    [InlineData(413, 0, StoreFailureKind.TooLarge)]
    [InlineData(400, 0, StoreFailureKind.Rejected)]
    public void From_StatusAndSubStatus_Kind(int status, int subStatus, StoreFailureKind kind)
    {
        Assert.Equal(kind, CosmosFailures.From((HttpStatusCode)status, subStatus, null, "get", null).Kind);
    }
}
