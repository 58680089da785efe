using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Tests;

/// <summary>The users of a tenant on the embedded store: exact, in id order, only the tenant's, never an erased user; across a restart.</summary>
public sealed class LocalTenantUsersTests
{
    [Fact]
    public async Task ListUsersAsync_TenantsUsersAndOthers_OnlyTheTenantsInOrderPageByPage()
    {
        await using var harness = new StoreHarness();
        foreach (var partition in new MemoryPartition[] { new("t1", "carol"), new("t1", "alice"), new("t2", "mallory"), new("t10", "dave") })
        {
            await AddAsync(harness, partition);
        }

        await harness.Operations.CreateAsync(StoreHarness.Operation(new MemoryPartition("t1", "bob"), "op_1"));
        var users = new LocalTenantUsers(harness.Engine);

        Assert.Equal(["alice", "bob", "carol"], (await users.ListUsersAsync("t1", 10, null)).Items);
        var first = await users.ListUsersAsync("t1", 2, null);
        Assert.Equal(["alice", "bob"], first.Items);
        var second = await users.ListUsersAsync("t1", 2, first.ContinuationToken);
        Assert.Equal(["carol"], second.Items);
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task ListUsersAsync_ErasedUser_GoneAndStaysGoneAfterARestart()
    {
        await using var harness = new StoreHarness();
        var erased = new MemoryPartition("t1", "erased");
        await AddAsync(harness, erased);
        await harness.Operations.CreateAsync(StoreHarness.Operation(erased, "op_1"));
        await AddAsync(harness, new MemoryPartition("t1", "kept"));

        await harness.Memories.EraseAsync(erased);
        Assert.Equal(["kept"], (await new LocalTenantUsers(harness.Engine).ListUsersAsync("t1", 10, null)).Items);

        await harness.ReopenAsync();
        Assert.Equal(["kept"], (await new LocalTenantUsers(harness.Engine).ListUsersAsync("t1", 10, null)).Items);
    }

    private static async Task AddAsync(StoreHarness harness, MemoryPartition partition)
    {
        var memory = StoreHarness.Memory(partition, "likes tea");
        await harness.Memories.AddAsync(partition, memory, StoreHarness.Added(memory));
    }
}
