using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Fakes;
using MemoryFunctions.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The audit partition against the fake container: the erase it records cannot reach it.</summary>
public sealed class CosmosAuditLogTests
{
    private static readonly MemoryPartition Alice = new("tenant-1", "alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeContainer _container = new();

    [Fact]
    public async Task EraseAsync_TheAuditedUser_LeavesTheAuditPartitionUntouched()
    {
        var memories = new CosmosMemoryStore(Container(), _clock, NullLogger<CosmosMemoryStore>.Instance);
        var memory = new MemoryRecord { Id = "mem_1", TenantId = Alice.TenantId, UserId = Alice.UserId, Text = "Alice likes tea", ContentHash = "h", CreatedAt = _clock.GetUtcNow(), UpdatedAt = _clock.GetUtcNow(), ValidFrom = _clock.GetUtcNow() };
        await memories.AddAsync(Alice, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, _clock.GetUtcNow(), "test"));
        var record = new AuditRecord("a1", Alice.TenantId, Alice.UserId, AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, _clock.GetUtcNow(), null, null);
        await Log().WriteAsync(record);
        // Every query answers from the partition it was sent to, as Cosmos DB does: the erase sees only what its key reaches.
        _container.Query = (query, options) =>
        {
            var key = FakeContainer.Key(options!.PartitionKey!.Value);
            var ids = _container.Documents.Keys.Where(k => k.PartitionKey == key).Select(k => k.Id).ToList();
            return query.QueryText.Contains("COUNT(1)", StringComparison.Ordinal) ? [ids.Count(id => id.StartsWith("m|", StringComparison.Ordinal))]
                : query.QueryText.StartsWith("SELECT *", StringComparison.Ordinal) ? []
                : ids.Cast<object>().ToList();
        };

        await memories.EraseAsync(Alice);

        Assert.Null(await memories.GetAsync(Alice, memory.Id));
        var stored = _container.Find(new PartitionKeyBuilder().Add("_audit").Add(Alice.TenantId).Build(), "a|a1");
        Assert.NotNull(stored);
        Assert.Equal("alice", (string?)stored["auditedUserId"]);
    }

    [Fact]
    public async Task WriteAsync_ManyExportsByAnotherCaller_LeaveTheEraseRecordWithItsFullRetention()
    {
        // Issue 25, symptom 4, on Cosmos DB: no count cap, so no caller's writes evict a record; only its ttl ends it.
        var log = Log();
        var erase = new AuditRecord("erase-bob", Alice.TenantId, "bob", AuditAction.EraseUser, AuditOutcome.Succeeded, "key:admin", null, _clock.GetUtcNow(), _clock.GetUtcNow(), "memories=1 operations=0");
        await log.WriteAsync(erase);
        for (var i = 0; i < 300; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await log.WriteAsync(new AuditRecord($"export-{i}", Alice.TenantId, Alice.UserId, AuditAction.ExportUser, AuditOutcome.Succeeded, "key:alice-self", null, _clock.GetUtcNow(), _clock.GetUtcNow(), null));
        }

        var stored = _container.Find(new PartitionKeyBuilder().Add("_audit").Add(Alice.TenantId).Build(), "a|erase-bob");
        Assert.NotNull(stored);
        Assert.Equal(new AuditOptions().RetentionDays * 86_400, (int)stored["ttl"]!);
    }

    private CosmosAuditLog Log() => new(Container(), Options.Create(new AuditOptions()), _clock);

    private CosmosMemoryContainer Container() =>
        new(_container, new CosmosStoreSettings("db", "memories", 3, VectorIndexType.Flat, true));
}
