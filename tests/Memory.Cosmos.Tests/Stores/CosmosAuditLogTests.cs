using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Gateway;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The audit partition against the gateway double: the erase it records cannot reach it.</summary>
public sealed class CosmosAuditLogTests
{
    private static readonly MemoryPartition Alice = new("tenant-1", "alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EraseAsync_TheAuditedUser_LeavesTheAuditPartitionUntouched()
    {
        using var stores = new GatewayStores(clock: _clock);
        var memory = TestRecords.Memory(Alice, "Alice likes tea", _clock.GetUtcNow());
        await stores.Memories.AddAsync(Alice, memory, TestRecords.Added(memory));
        var record = new AuditRecord("a1", Alice.TenantId, Alice.UserId, AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, _clock.GetUtcNow(), null, null);
        await new CosmosAuditLog(stores.Container, Options.Create(new AuditOptions()), _clock).WriteAsync(record);

        await stores.Memories.EraseAsync(Alice);

        Assert.Null(await stores.Memories.GetAsync(Alice, memory.Id));
        var stored = stores.Gateway.Documents.Find("[\"_audit\",\"tenant-1\"]", "a|a1");
        Assert.NotNull(stored);
        Assert.Equal("alice", (string?)stored["auditedUserId"]);
    }
}
