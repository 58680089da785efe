using System.Net;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>The audit log through the real SDK against the scripted gateway: where records go, what they hold, how they are read.</summary>
public sealed class AuditGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_Record_UpsertsIntoTheTenantsAuditPartitionWithRetentionAsTtl()
    {
        using var stores = new GatewayStores();
        var record = new AuditRecord("0193ab", "acme", "alice", AuditAction.EraseUser, AuditOutcome.Succeeded, "key:ops", "trace-1", Now, Now.AddSeconds(2), "memories=3 operations=1");

        await Log(stores, retentionDays: 30).WriteAsync(record);

        var write = Assert.Single(stores.Gateway.Requests);
        Assert.Equal("[\"_audit\",\"acme\"]", write.PartitionKey);
        Assert.Equal("True", write.Header("x-ms-documentdb-is-upsert"), ignoreCase: true);
        var body = stores.Gateway.Documents.Find("[\"_audit\",\"acme\"]", "a|0193ab")!;
        Assert.Equal(
            ("a|0193ab", "audit", "_audit", "acme", "acme", "alice", "eraseUser", "succeeded", "key:ops", "memories=3 operations=1", 30 * 86400),
            ((string)body["id"]!, (string)body["type"]!, (string)body["tenantId"]!, (string)body["userId"]!, (string)body["auditedTenantId"]!, (string)body["auditedUserId"]!,
                (string)body["action"]!, (string)body["outcome"]!, (string)body["actor"]!, (string)body["detail"]!, (int)body["ttl"]!));
    }

    [Fact]
    public async Task WriteAsync_Throttled_FailsWithTheStoresFailureSoTheActionDoesNotRun()
    {
        using var stores = new GatewayStores();
        stores.Gateway.On(r => r.Method == HttpMethod.Post && !r.IsQuery, () => GatewayResponses.Status(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMilliseconds(50)));
        var record = new AuditRecord("0193ab", "acme", "alice", AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, Now, null, null);

        var failure = await Assert.ThrowsAsync<Core.Storage.StoreFailureException>(() => Log(stores).WriteAsync(record));

        Assert.Equal(Core.Storage.StoreFailureKind.Throttled, failure.Kind);
    }

    [Fact]
    public async Task ReadAsync_Tenant_OneQueryInItsAuditPartitionNewestFirstWithinRetention()
    {
        using var stores = new GatewayStores(options: new CosmosGatewayOptions { Clock = new FakeTimeProvider(Now) });
        var log = Log(stores, retentionDays: 30);
        await log.WriteAsync(new AuditRecord("0193aa", "acme", "alice", AuditAction.ExportUser, AuditOutcome.Succeeded, "anonymous", null, Now.AddDays(-40), null, null));
        await log.WriteAsync(new AuditRecord("0193ab", "acme", "alice", AuditAction.ExportUser, AuditOutcome.Succeeded, "anonymous", null, Now.AddHours(-2), null, "memories=1 history=1 operations=0"));
        await log.WriteAsync(new AuditRecord("0193ac", "acme", "bob", AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, Now.AddHours(-1), null, null));
        await Log(stores).WriteAsync(new AuditRecord("0193ad", "other", "carol", AuditAction.EraseUser, AuditOutcome.Started, "key:ops", null, Now, null, null));

        var records = await log.ReadAsync("acme", 5);

        var plan = Assert.Single(stores.Gateway.Requests, r => r.IsQueryPlan);
        Assert.Equal("[\"_audit\",\"acme\"]", plan.PartitionKey);
        Assert.Equal("SELECT TOP 5 * FROM c WHERE c.type = 'audit' AND c.startedAt >= @notBefore ORDER BY c.startedAt DESC", plan.Sql);
        Assert.Equal("\"2026-10-02T12:00:00.0000000Z\"", plan.Parameter("@notBefore"));
        Assert.Equal(["0193ac", "0193ab"], records.Select(r => r.Id));
        Assert.Equal(
            new AuditRecord("0193ab", "acme", "alice", AuditAction.ExportUser, AuditOutcome.Succeeded, "anonymous", null, Now.AddHours(-2), null, "memories=1 history=1 operations=0"),
            records[1]);
    }

    private static CosmosAuditLog Log(GatewayStores stores, int retentionDays = 400) =>
        new(stores.Container, Options.Create(new AuditOptions { RetentionDays = retentionDays }), new FakeTimeProvider(Now));
}
