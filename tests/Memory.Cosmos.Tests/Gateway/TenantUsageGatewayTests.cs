using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Gateway.Routing;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>
/// A tenant's usage on Cosmos DB (issue 25: quotas on the Functions app's store): COUNT queries over the tenant's key prefix,
/// sent by the real SDK to the gateway double, which reads only the documents in the prefix's effective-partition-key range.
/// </summary>
public sealed class TenantUsageGatewayTests(ITestOutputHelper output)
{
    private static readonly MemoryPartition Ann = new("t", "ann");
    private static readonly MemoryPartition Bob = new("t", "bob");
    private static readonly MemoryPartition Other = new("other", "ann");

    [Fact]
    public async Task GetAsync_TwoTenants_CountsOnlyTheAskedTenantThroughItsKeyPrefix()
    {
        using var stores = new GatewayStores();
        await SeedAsync(stores);
        var usage = Usage(stores, new FakeTimeProvider());

        var ann = await usage.GetAsync(Ann);
        var carol = await usage.GetAsync(Ann with { UserId = "carol" });

        Assert.Equal(new TenantUsage(Users: 2, Memories: 3, UnfinishedOperations: 1, PartitionInUse: true, ann.CountedAt), ann);
        Assert.False(carol.PartitionInUse);
        Assert.Equal(1, (await usage.GetAsync(Other)).Users);

        // The SDK routed each count by the prefix's EPK range, and the double's hash of ["t"] is the SDK's own.
        var counts = stores.Gateway.Queries.Where(query => query.Sql!.Contains("COUNT", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts.Take(3), query => Assert.Equal(
            (EffectivePartitionKey.Of("[\"t\"]"), EffectivePartitionKey.Of("[\"t\"]") + "FF", (string?)null),
            (query.Header("x-ms-start-epk"), query.Header("x-ms-end-epk"), query.PartitionKey)));
    }

    [Fact]
    public async Task GetAsync_AfterAnErase_TheErasedUserNoLongerCountsUntilWrittenAgain()
    {
        using var stores = new GatewayStores();
        await SeedAsync(stores);
        var usage = Usage(stores, new FakeTimeProvider(), TimeSpan.Zero);

        await stores.Memories.EraseAsync(Bob);
        var afterErase = await usage.GetAsync(Bob);
        var again = TestRecords.Memory(Bob, "back again");
        await stores.Memories.AddAsync(Bob, again, TestRecords.Added(again), MemoryWriteOptions.InEpoch(await stores.Memories.GetEpochAsync(Bob)));
        var writtenAgain = await usage.GetAsync(Bob);

        Assert.Equal((1L, false), (afterErase.Users, afterErase.PartitionInUse));
        Assert.Equal((2L, true), (writtenAgain.Users, writtenAgain.PartitionInUse));
    }

    [Fact]
    public async Task GetAsync_EpochDocumentsFromBeforeHoldsData_CountUnlessAnEraseStampedThem()
    {
        using var stores = new GatewayStores();
        stores.Gateway.Documents.Seed("[\"t\",\"old\"]", new JsonObject { ["id"] = "e|epoch", ["type"] = "epoch", ["tenantId"] = "t", ["userId"] = "old", ["epoch"] = 0 });
        stores.Gateway.Documents.Seed("[\"t\",\"gone\"]", new JsonObject { ["id"] = "e|epoch", ["type"] = "epoch", ["tenantId"] = "t", ["userId"] = "gone", ["epoch"] = 1, ["erasedAt"] = "2026-11-01T12:00:00.0000000Z" });
        var usage = Usage(stores, new FakeTimeProvider());

        var old = await usage.GetAsync(new MemoryPartition("t", "old"));

        Assert.Equal((1L, true), (old.Users, old.PartitionInUse));
        Assert.False((await usage.GetAsync(new MemoryPartition("t", "gone"))).PartitionInUse);
    }

    /// <summary>
    /// What the memories quota counts on Cosmos DB (issue 25 review, "two meanings of memories"): memories held at the count,
    /// neither superseded nor expired (<see cref="MemoryRecord.IsHeldAt"/>), as on the embedded store
    /// (<c>LocalTenantUsageTests</c>). Before, every memory document counted, superseded ones included.
    /// </summary>
    [Fact]
    public async Task GetAsync_SupersededAndExpiredMemories_NotCountedAFutureExpiryCountsUntilItPasses()
    {
        using var stores = new GatewayStores();
        var clock = new FakeTimeProvider(TestRecords.Now.AddDays(1));
        var now = clock.GetUtcNow();
        MemoryRecord[] memories =
        [
            TestRecords.Memory(Ann, "lives in Oslo"),
            TestRecords.Memory(Ann, "lived in Bergen") with { ValidTo = now.AddHours(-1) },
            TestRecords.Memory(Ann, "said hello") with { ExpiresAt = now.AddMinutes(-1) },
            TestRecords.Memory(Ann, "is on holiday") with { ExpiresAt = now.AddHours(1) },
        ];
        foreach (var memory in memories)
        {
            Assert.Equal(WriteStatus.Written, (await stores.Memories.AddAsync(Ann, memory, TestRecords.Added(memory), MemoryWriteOptions.InEpoch(0))).Status);
        }

        var usage = Usage(stores, clock, TimeSpan.Zero);
        var held = await usage.GetAsync(Ann);
        clock.Advance(TimeSpan.FromHours(2));
        var later = await usage.GetAsync(Ann);

        Assert.Equal(memories.Count(memory => memory.IsHeldAt(now)), (int)held.Memories);
        Assert.Equal((2L, 1L, 1L), (held.Memories, later.Memories, later.Users));
    }

    /// <summary>
    /// A user whose only document is a queued operation (issue 25 review: users counted too late) holds data: it counts
    /// toward MaxUsers and is listed by GET /api/users, one rule for both; an erase clears it.
    /// </summary>
    [Fact]
    public async Task GetAsync_UserWithOnlyAQueuedOperation_CountsIsListedAndAnEraseClearsIt()
    {
        using var stores = new GatewayStores();
        var carol = new MemoryPartition("t", "carol");
        var usage = Usage(stores, new FakeTimeProvider(), TimeSpan.Zero);

        Assert.Equal(WriteStatus.Written, (await stores.Operations.CreateAsync(TestRecords.Operation(carol))).Status);
        var queued = await usage.GetAsync(carol);
        var listed = await new CosmosTenantUsers(stores.Container).ListUsersAsync("t", 10, null);
        await stores.Memories.EraseAsync(carol);
        var erased = await usage.GetAsync(carol);

        Assert.Equal((1L, 1L, true), (queued.Users, queued.UnfinishedOperations, queued.PartitionInUse));
        Assert.Equal(["carol"], listed.Items);
        Assert.Equal((0L, false), (erased.Users, erased.PartitionInUse));
        Assert.Empty((await new CosmosTenantUsers(stores.Container).ListUsersAsync("t", 10, null)).Items);
    }

    /// <summary>
    /// The RU a check costs, on the double's charge model (estimates, docs/cosmos.md): a count is three COUNT queries plus the
    /// partition's epoch read; within the cache duration only the epoch read is paid. Printed for docs/cosmos.md.
    /// </summary>
    [Fact]
    public async Task GetAsync_WithinTheCacheDuration_ReusesTheCountsAndPaysOnlyThePointRead()
    {
        using var stores = new GatewayStores();
        await SeedAsync(stores);
        var clock = new FakeTimeProvider();
        var usage = Usage(stores, clock, TimeSpan.FromSeconds(5));

        var first = await ChargedAsync(stores, () => usage.GetAsync(Ann));
        clock.Advance(TimeSpan.FromSeconds(4));
        var reused = await ChargedAsync(stores, () => usage.GetAsync(Ann));
        var queriesBefore = stores.Gateway.Queries.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        var recounted = await ChargedAsync(stores, () => usage.GetAsync(Ann));

        output.WriteLine($"RU per check: counted {first.Charge:0.##}, reused {reused.Charge:0.##}, counted again {recounted.Charge:0.##}");
        Assert.Equal(first.Usage.CountedAt, reused.Usage.CountedAt);
        Assert.Equal(clock.GetUtcNow(), recounted.Usage.CountedAt);
        Assert.Equal(1, reused.Charge);
        Assert.True(first.Charge > 3 * reused.Charge, $"a count costs {first.Charge} RU");
        Assert.Equal(3, stores.Gateway.Queries.Count - queriesBefore);
    }

    /// <summary>The double refuses what the service refuses: a point operation needs the whole hierarchical key.</summary>
    [Fact]
    public async Task ReadItem_WithTheTenantPrefixOnly_RefusedAsBadRequest()
    {
        using var stores = new GatewayStores();
        await SeedAsync(stores);

        using var response = await stores.Container.Container.ReadItemStreamAsync("e|epoch", CosmosPartitionKeys.ForTenant("t"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<(TenantUsage Usage, double Charge)> ChargedAsync(GatewayStores stores, Func<ValueTask<TenantUsage>> check)
    {
        var before = stores.Gateway.Throughput.Charged;
        var usage = await check();
        return (usage, stores.Gateway.Throughput.Charged - before);
    }

    /// <summary>Tenant t: ann with two memories and a queued operation, bob with one memory and a finished one; tenant other: one memory.</summary>
    private static async Task SeedAsync(GatewayStores stores)
    {
        foreach (var (partition, text) in new[] { (Ann, "likes tea"), (Ann, "lives in Oslo"), (Bob, "likes tea"), (Other, "likes tea") })
        {
            var memory = TestRecords.Memory(partition, text);
            Assert.Equal(WriteStatus.Written, (await stores.Memories.AddAsync(partition, memory, TestRecords.Added(memory), MemoryWriteOptions.InEpoch(0))).Status);
        }

        Assert.Equal(WriteStatus.Written, (await stores.Operations.CreateAsync(TestRecords.Operation(Ann))).Status);
        Assert.Equal(WriteStatus.Written, (await stores.Operations.CreateAsync(TestRecords.Operation(Bob, status: OperationStatus.Succeeded))).Status);
    }

    private static CosmosTenantUsage Usage(GatewayStores stores, FakeTimeProvider clock, TimeSpan? reuseFor = null) =>
        new(stores.Container, Options.Create(new CosmosMemoryOptions { UsageCacheDuration = reuseFor ?? TimeSpan.FromSeconds(5) }), clock);
}
