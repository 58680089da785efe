using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Gateway;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The audit partition against the gateway double: the erase it records cannot reach it, and no caller evicts a record.</summary>
public sealed class CosmosAuditLogTests
{
    private static readonly MemoryPartition Alice = new("tenant-1", "alice");
    private const string AuditPartition = "[\"_audit\",\"tenant-1\"]";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EraseAsync_TheAuditedUser_LeavesTheAuditPartitionUntouched()
    {
        using var stores = new GatewayStores(clock: _clock);
        var memory = TestRecords.Memory(Alice, "Alice likes tea", _clock.GetUtcNow());
        await stores.Memories.AddAsync(Alice, memory, TestRecords.Added(memory));
        var record = new AuditRecord("a1", Alice.TenantId, Alice.UserId, AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, _clock.GetUtcNow(), null, null);
        await Log(stores).WriteAsync(record);

        await stores.Memories.EraseAsync(Alice);

        Assert.Null(await stores.Memories.GetAsync(Alice, memory.Id));
        var stored = stores.Gateway.Documents.Find(AuditPartition, "a|a1");
        Assert.NotNull(stored);
        Assert.Equal("alice", (string?)stored["auditedUserId"]);
    }

    [Fact]
    public async Task WriteAsync_ManyExportsByAnotherCaller_LeaveTheEraseRecordWithItsFullRetention()
    {
        // Issue 25, symptom 4, on Cosmos DB: no count cap, so no caller's writes evict a record; only its ttl ends it. Run
        // against 4a47bda's CosmosAuditLog (unchanged since) it passes too: Cosmos DB never evicted by count, so the symptom
        // (an embedded-store defect) never existed here. What it holds: nothing of anyone's is evicted, and the admin still
        // reads the erase record among the exports (docs/security.md, symptom table row 4).
        using var stores = new GatewayStores(clock: _clock);
        var log = Log(stores);
        var erase = new AuditRecord("erase-bob", Alice.TenantId, "bob", AuditAction.EraseUser, AuditOutcome.Succeeded, "key:admin", null, _clock.GetUtcNow(), _clock.GetUtcNow(), "memories=1 operations=0");
        await log.WriteAsync(erase);
        for (var i = 0; i < 300; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await log.WriteAsync(new AuditRecord($"export-{i}", Alice.TenantId, Alice.UserId, AuditAction.ExportUser, AuditOutcome.Succeeded, "key:alice-self", null, _clock.GetUtcNow(), _clock.GetUtcNow(), null));
        }

        var stored = stores.Gateway.Documents.Find(AuditPartition, "a|erase-bob");
        Assert.NotNull(stored);
        Assert.Equal(new AuditOptions().RetentionDays * 86_400, (int)stored["ttl"]!);
        Assert.All(Enumerable.Range(0, 300), i => Assert.NotNull(stores.Gateway.Documents.Find(AuditPartition, $"a|export-{i}")));
        var trail = await log.ReadAsync(Alice.TenantId, 1000);
        Assert.Equal(301, trail.Count);
        Assert.Equal("erase-bob", trail[^1].Id);
    }

    private CosmosAuditLog Log(GatewayStores stores) => new(stores.Container, Options.Create(new AuditOptions()), _clock);
}
