using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Gateway.Routing;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Gateway;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// The users of a tenant on Cosmos DB, through the real SDK against the gateway double: one tenant-prefix query, only that
/// tenant's partitions, erased and merely-read partitions left out, pages in user order.
/// </summary>
public sealed class CosmosTenantUsersTests : IDisposable
{
    private readonly GatewayStores _stores = new();

    private CosmosTenantUsers Users => new(_stores.Container);

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task ListUsersAsync_SeveralTenants_OnlyThisTenantsUsersInOrder()
    {
        await AddAsync(new("t1", "bob"));
        await AddAsync(new("t1", "alice"));
        await AddAsync(new("t2", "carol"));
        await AddAsync(new("t10", "dave"));
        await AddAsync(new("T1", "erin"));

        var page = await Users.ListUsersAsync("t1", 10, null);

        Assert.Equal(["alice", "bob"], page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListUsersAsync_TenantPrefix_SdkSendsTheTenantsHashRangeAndTheGatewayReadsOnlyIt()
    {
        await AddAsync(new("t1", "alice"));
        await AddAsync(new("t2", "carol"));

        await Users.ListUsersAsync("t1", 10, null);

        // The walk carries no partition key but the tenant's range of effective partition keys, computed by the SDK itself: the
        // gateway's hashing must agree with it, or it would answer for the wrong partitions.
        var walk = Assert.Single(_stores.Gateway.Queries, q => q.Sql!.Contains("c.type = 'epoch'", StringComparison.Ordinal));
        Assert.Null(walk.PartitionKey);
        Assert.Equal("EffectivePartitionKeyRange", walk.Header("x-ms-read-key-type"));
        Assert.Equal(EffectivePartitionKey.Of("[\"t1\"]"), walk.Header("x-ms-start-epk"));
        Assert.Equal(EffectivePartitionKey.Of("[\"t1\"]") + "FF", walk.Header("x-ms-end-epk"));
        Assert.StartsWith(EffectivePartitionKey.Of("[\"t1\"]"), EffectivePartitionKey.Of("[\"t1\",\"alice\"]"), StringComparison.Ordinal);

        // One query answers (no per-partition follow-up), and it returned only t1's user.
        Assert.Same(walk, Assert.Single(_stores.Gateway.Queries));
    }

    [Theory]
    [InlineData("t")]
    [InlineData("tenant-with-a-long-name.example.com")]
    [InlineData("x")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789")]
    public async Task ListUsersAsync_AnyTenantId_GatewayHashEqualsTheSdks(string tenant)
    {
        await Users.ListUsersAsync(tenant, 1, null);

        var walk = Assert.Single(_stores.Gateway.Queries);
        Assert.Equal(EffectivePartitionKey.Of($"[\"{tenant}\"]"), walk.Header("x-ms-start-epk"));
    }

    [Fact]
    public async Task ListUsersAsync_ErasedUserWhoseDocumentsWaitToBeDeleted_NotListedUntilWrittenAgain()
    {
        var erased = new MemoryPartition("t1", "erased");
        await AddAsync(erased);
        await AddAsync(new("t1", "kept"));
        var erasure = await _stores.Memories.EraseAsync(erased);
        Assert.Contains(_stores.Gateway.Documents.Ids("[\"t1\",\"erased\"]"), id => id.StartsWith("m|", StringComparison.Ordinal));

        Assert.Equal(["kept"], (await Users.ListUsersAsync("t1", 10, null)).Items);

        var again = TestRecords.Memory(erased, "new start");
        await _stores.Memories.AddAsync(erased, again, TestRecords.Added(again), MemoryWriteOptions.InEpoch(erasure.Epoch));
        Assert.Equal(["erased", "kept"], (await Users.ListUsersAsync("t1", 10, null)).Items);
    }

    [Fact]
    public async Task ListUsersAsync_PartitionOnlyRead_NotAUser()
    {
        await _stores.Memories.GetEpochAsync(new MemoryPartition("t1", "reader"));

        Assert.Empty((await Users.ListUsersAsync("t1", 10, null)).Items);
    }

    [Fact]
    public async Task ListUsersAsync_OnlyAQueuedOperation_AUser()
    {
        await _stores.Operations.CreateAsync(TestRecords.Operation(new MemoryPartition("t1", "waiting"), status: OperationStatus.Queued));

        Assert.Equal(["waiting"], (await Users.ListUsersAsync("t1", 10, null)).Items);
    }

    [Fact]
    public async Task ListUsersAsync_PagesOfOne_EveryUserOnceInOrder()
    {
        string[] names = ["u3", "u1", "u5", "u2", "u4"];
        foreach (var name in names)
        {
            await AddAsync(new("t1", name));
        }

        var seen = new List<string>();
        string? after = null;
        var calls = 0;
        do
        {
            var page = await Users.ListUsersAsync("t1", 1, after);
            seen.AddRange(page.Items);
            after = page.ContinuationToken;
        }
        while (after is not null && ++calls < 20);

        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
    }

    private async Task AddAsync(MemoryPartition partition)
    {
        var memory = TestRecords.Memory(partition);
        await _stores.Memories.AddAsync(partition, memory, TestRecords.Added(memory));
    }
}
