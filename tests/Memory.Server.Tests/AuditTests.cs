using System.Net;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Local;
using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests;

/// <summary>Admin actions on the real server leave their audit record in the store; the <c>audit</c> verb reads it back.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class AuditTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task ExportThenErase_OverHttp_BothRecordedForTheTenantWithTheCountsAndNoText()
    {
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var user = Api.NewUser();
        await _client.CreateMemoryAsync(user, """{"text":"A secret the audit must not hold"}""", tenant);

        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/api/users/{user}/export"), (HttpMethod.Delete, $"/api/users/{user}") })
        {
            // Records are ordered by start time; the fixture's clock stands still unless moved.
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            using var request = Api.Request(method, path, tenant: tenant);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var records = await new LocalAuditLog(fixture.Engine).ReadAsync(tenant, 10);
        Assert.Equal([AuditAction.EraseUser, AuditAction.ExportUser], records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal((user, AuditOutcome.Succeeded, AuditCaller.Anonymous), (r.UserId, r.Outcome, r.Actor)));
        Assert.Equal("memories=1 operations=0", records[0].Detail);
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.TraceId)));
        Assert.DoesNotContain(records, r => r.ToString().Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AuditVerb_StoreWithRecords_PrintsTheTenantsNewestFirstAsJsonLines()
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-audit-verb-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory }))
            {
                var log = new LocalAuditLog(engine);
                var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
                await log.WriteAsync(new AuditRecord("a1", "acme", "alice", AuditAction.ExportUser, AuditOutcome.Succeeded, "key:ops", "t1", DateTimeOffset.UtcNow.AddMinutes(-2), null, "memories=1 history=1 operations=0"));
                await log.WriteAsync(new AuditRecord("a2", "acme", "alice", AuditAction.EraseUser, AuditOutcome.Started, "key:ops", "t2", DateTimeOffset.UtcNow.AddMinutes(-1), null, null));
                await log.WriteAsync(new AuditRecord("b1", "other", "bob", AuditAction.EraseUser, AuditOutcome.Succeeded, "key:ops", "t3", at, null, null));
            }

            using var output = new StringWriter();
            // Nothing listens at --url, so the verb reads the store itself.
            var exitCode = await AuditCommand.RunAsync(["audit", "--tenant", "acme", "--url", $"http://127.0.0.1:{LoopbackPort.Next()}", "--Memory:Local:DataDirectory", directory], output);

            Assert.Equal(0, exitCode);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Contains("\"id\":\"a2\"", lines[0], StringComparison.Ordinal);
            Assert.Contains("\"outcome\":\"started\"", lines[0], StringComparison.Ordinal);
            Assert.Contains("\"action\":\"exportUser\"", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--tenant", "../x")]
    [InlineData("--limit", "0")]
    public async Task AuditVerb_BadArguments_ExitsWithUsage(string name, string value)
    {
        using var output = new StringWriter();

        var exitCode = await AuditCommand.RunAsync(["audit", "--tenant", "acme", name, value], output);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Usage: audit --tenant", output.ToString(), StringComparison.Ordinal);
    }
}
