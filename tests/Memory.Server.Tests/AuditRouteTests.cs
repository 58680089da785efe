using System.Net;
using MemoryFunctions.Local;
using MemoryFunctions.Server.Hosting;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Server.Tests;

/// <summary>
/// The audit trail while the server runs: <c>GET /api/audit</c> for admins of the whole tenant only, and the <c>audit</c>
/// verb, which asks the running server (it holds the store) and says so plainly when the store is held and nobody answers.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class AuditRouteTests(MemoryServerFixture fixture)
{
    private const string AdminKey = "audit-admin-key-41c2";
    private const string WriterKey = "audit-writer-key-9e07";
    private const string SelfAdminKey = "audit-self-key-2b88";
    private const string OtherAdminKey = "audit-other-key-5d13";

    [Fact]
    public async Task AuditRoute_OnlyAWholeTenantAdmin_ReadsItsTenantsRecords()
    {
        var tenant = "aud-" + Guid.NewGuid().ToString("N")[..8];
        using var factory = fixture.CreateFactory(TestKeys.Settings(
        [
            new TestKey("admin", AdminKey, [tenant], null, "admin"),
            new TestKey("writer", WriterKey, [tenant], null, "write"),
            new TestKey("self", SelfAdminKey, [tenant], "alice", "admin"),
            new TestKey("other", OtherAdminKey, ["elsewhere"], null, "admin"),
        ]));
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var erase = Api.Request(HttpMethod.Delete, $"/api/users/{user}", tenant: tenant))
        {
            erase.Headers.Add("x-functions-key", AdminKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(erase)).StatusCode);
        }

        var (status, body) = await GetAsync(client, "/api/audit?limit=5", tenant, AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(user, body, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"eraseUser\"", body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/api/audit", tenant, key: null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/api/audit", tenant, WriterKey)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/api/audit", tenant, SelfAdminKey)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/api/audit", tenant, OtherAdminKey)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(client, "/api/audit?limit=0", tenant, AdminKey)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(client, "/api/audit", "../x", AdminKey)).Status);
    }

    [Fact]
    public async Task AuditVerb_ServerRunning_ReadsTheTrailThroughIt()
    {
        var tenant = "aud-" + Guid.NewGuid().ToString("N")[..8];
        using var factory = fixture.CreateFactory(TestKeys.Settings([new TestKey("admin", AdminKey, [tenant], null, "admin")]));
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var export = Api.Request(HttpMethod.Get, $"/api/users/{user}/export", tenant: tenant))
        {
            export.Headers.Add("x-functions-key", AdminKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(export)).StatusCode);
        }

        using var output = new StringWriter();
        var exit = await AuditCommand.RunAsync(["audit", "--tenant", tenant, "--url", "http://localhost", "--key", AdminKey], output, factory.Server.CreateHandler());

        Assert.Equal(0, exit);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"\"userId\":\"{user}\"", line, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"exportUser\"", line, StringComparison.Ordinal);

        using var refused = new StringWriter();
        Assert.Equal(1, await AuditCommand.RunAsync(["audit", "--tenant", tenant, "--url", "http://localhost"], refused, factory.Server.CreateHandler()));
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerb_StoreHeldAndNobodyAnswers_SaysSoInsteadOfCrashing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-audit-held-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var holder = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
            using var output = new StringWriter();

            var exit = await AuditCommand.RunAsync(
                ["audit", "--tenant", "acme", "--url", $"http://127.0.0.1:{LoopbackPort.Next()}", "--Memory:Local:DataDirectory", directory, "--Memory:Embeddings:Provider", "Hashing"], output);

            Assert.Equal(1, exit);
            Assert.Contains("held by another process", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("--url", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path, string tenant, string? key)
    {
        using var request = Api.Request(HttpMethod.Get, path, tenant: tenant);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
