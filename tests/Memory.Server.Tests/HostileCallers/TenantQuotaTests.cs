using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptoms 5 and 12 (the quotas): a tenant over its requests per second gets 429 with Retry-After and a
/// problem naming the limit, on REST and on MCP, while another tenant is still served; so does one at its users or queue quota. The quota refills at one request
/// per 1,000 s here, so the test does not depend on how fast this machine runs it.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class TenantQuotaTests(MemoryServerFixture fixture)
{
    private const int Burst = 3;

    [Fact]
    public async Task TenantOverItsRequestQuota_429RetryAfterNamingTheLimit_OtherTenantServed()
    {
        var flooding = "flood-" + Guid.NewGuid().ToString("N")[..8];
        using var client = Server(flooding).CreateClient();
        var target = $"/api/users/{Api.NewUser()}/memories";

        for (var i = 0; i < Burst; i++)
        {
            using var served = await SendAsync(client, HttpMethod.Get, target, flooding);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        using var refused = await SendAsync(client, HttpMethod.Post, target, flooding, """{"text":"One too many"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(900), TimeSpan.FromSeconds(1000));
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(("urn:memoryfunctions:problem:quota-exceeded", "requestsPerSecond"), ((string)problem["type"]!, (string)problem["limit"]!));

        using var otherTenant = await SendAsync(client, HttpMethod.Get, target, "calm-tenant");
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        using var stillRefused = await SendAsync(client, HttpMethod.Get, target, flooding);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        // Nothing was written: the same store, through a server without the quota.
        using var unlimited = fixture.CreateClient();
        using var list = await SendAsync(unlimited, HttpMethod.Get, target, flooding);
        Assert.Empty((await list.ReadJsonAsync())["items"]!.AsArray());
    }

    /// <summary>
    /// Symptom 12 by default: with nothing in Memory:Quotas every tenant has a users quota (docs/security.md, row 12), a
    /// tenant entry that sets only a rate keeps it, and a setting replaces it.
    /// </summary>
    [Fact]
    public void ShippedDefaults_EveryTenantHasTheServersUsersQuotaUnlessSet()
    {
        var shipped = fixture.Factory.Services.GetRequiredService<IOptions<TenantQuotaOptions>>().Value;
        using var configured = fixture.CreateFactory(new Dictionary<string, string?>
        {
            ["Memory:Quotas:Tenants:rated:RequestsPerSecond"] = "5",
            ["Memory:Quotas:Tenants:small:MaxUsers"] = "3",
        });
        var quotas = configured.Services.GetRequiredService<IOptions<TenantQuotaOptions>>().Value;

        Assert.Equal((10_000L, (long?)null), (shipped.Default.MaxUsers!.Value, shipped.Default.MaxQueuedOperations));
        Assert.Equal(10_000, quotas.For("rated").MaxUsers);
        Assert.Equal(3, quotas.For("small").MaxUsers);
        Assert.Equal(10_000, quotas.For("anyone-else").MaxUsers);
    }

    [Fact]
    public async Task TenantOverItsRequestQuota_McpToolCallRefusedNamingTheQuota()
    {
        var flooding = "flood-" + Guid.NewGuid().ToString("N")[..8];
        using var client = Server(flooding).CreateClient();
        var message = $$$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_memories","arguments":{"userId":"{{{{Api.NewUser()}}}}"}}}""";

        var answers = new List<string>();
        for (var i = 0; i <= Burst; i++)
        {
            using var response = await SendAsync(client, HttpMethod.Post, "/api/mcp", flooding, message);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(answers[..Burst], answer => Assert.DoesNotContain("Quota exceeded", answer, StringComparison.Ordinal));
        Assert.Contains("Quota exceeded", answers[Burst], StringComparison.Ordinal);
        Assert.Contains("Retry after", answers[Burst], StringComparison.Ordinal);
    }

    /// <summary>
    /// The admission quotas: at its users quota a tenant's new user is refused (403, naming the quota and the fix) while
    /// its users write on; with its queue full a submission gets 429 + Retry-After and nothing is queued; another tenant
    /// is served. The queued operation is put in the store directly and never started, so the count is exact.
    /// </summary>
    [Fact]
    public async Task TenantAtItsUsersAndQueueQuotas_NewUserAndSubmissionRefusedNamingTheQuota_OthersServed()
    {
        var tenant = "holds-" + Guid.NewGuid().ToString("N")[..8];
        using var server = fixture.CreateFactory(new Dictionary<string, string?>
        {
            [$"Memory:Quotas:Tenants:{tenant}:MaxUsers"] = "2",
            [$"Memory:Quotas:Tenants:{tenant}:MaxQueuedOperations"] = "1",
        });
        using var client = server.CreateClient();
        var (ann, bob, cid) = (Api.NewUser(), Api.NewUser(), Api.NewUser());

        foreach (var user in new[] { ann, bob })
        {
            using var created = await SendAsync(client, HttpMethod.Post, $"/api/users/{user}/memories", tenant, """{"text":"I like tea."}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var third = await SendAsync(client, HttpMethod.Post, $"/api/users/{cid}/memories", tenant, """{"text":"I like tea."}""");
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Null(third.Headers.RetryAfter);
        var problem = await third.ReadJsonAsync();
        Assert.Equal(("urn:memoryfunctions:problem:quota-exceeded", "users"), ((string)problem["type"]!, (string)problem["limit"]!));
        Assert.Contains("MaxUsers", (string)problem["detail"]!, StringComparison.Ordinal);
        using var existing = await SendAsync(client, HttpMethod.Post, $"/api/users/{ann}/memories", tenant, """{"text":"I like coffee."}""");
        Assert.Equal(HttpStatusCode.Created, existing.StatusCode);

        await fixture.Operations.CreateAsync(new MemoryOperation
        {
            Id = "queued-" + Guid.NewGuid().ToString("N")[..8],
            TenantId = tenant,
            UserId = bob,
            Request = new IngestionRequest([new ConversationMessage("m0", MessageRole.User, "I live in Oslo.", DateTimeOffset.UnixEpoch)]),
        });
        const string turns = """{"messages":[{"role":"user","content":"I live in Bergen."}]}""";
        using var refused = await SendAsync(client, HttpMethod.Post, $"/api/users/{ann}/messages", tenant, turns);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(TenantAdmission.QueueRetryAfterSeconds), refused.Headers.RetryAfter!.Delta);
        Assert.Equal("queuedOperations", (string)(await refused.ReadJsonAsync())["limit"]!);
        Assert.Empty(await fixture.Operations.ExportAsync(new MemoryPartition(tenant, ann)).ToListAsync());

        using var otherTenant = await SendAsync(client, HttpMethod.Post, $"/api/users/{cid}/messages", "calm-tenant", turns);
        Assert.Equal(HttpStatusCode.Accepted, otherTenant.StatusCode);
    }

    /// <summary>
    /// An import counts for what it writes, as it writes (issue 25 review: the import's writes came after the preamble had
    /// released its one-memory reservation, so an import of 700 lines passed a quota of 300). Each batch of 256 is admitted
    /// for its lines: the first is written, the second would pass the quota and stops the import there, naming it.
    /// </summary>
    [Fact]
    public async Task Import_PastTheTenantsMemoriesQuota_StopsAtTheFirstBatchThatWouldPassIt()
    {
        var tenant = "imports-" + Guid.NewGuid().ToString("N")[..8];
        using var server = fixture.CreateFactory(new Dictionary<string, string?> { [$"Memory:Quotas:Tenants:{tenant}:MaxMemories"] = "300" });
        using var client = server.CreateClient();
        var user = Api.NewUser();

        var report = await ImportAsync(client, tenant, user, Import.ImportLines.File(700));

        Assert.Equal(("stopped", 256L, 256L), ((string?)report["type"], (long)report["imported"]!, (long)report["committedThroughLine"]!));
        Assert.Equal(("urn:memoryfunctions:problem:quota-exceeded", 257L), ((string?)report["stopped"]!["type"], (long)report["stopped"]!["line"]!));
        Assert.Contains("MaxMemories", (string?)report["stopped"]!["detail"], StringComparison.Ordinal);
        Assert.Equal(256, (await fixture.Store.ExportMemoriesAsync(new MemoryPartition(tenant, user)).ToListAsync()).Count);
    }

    /// <summary>
    /// An import is counted by the lines it adds (issue 25 review: a batch was admitted for all its lines, so re-running
    /// an import at the cap was refused though every line was already held). Lines held already add nothing; a new line
    /// in the rerun is still refused at the cap. One batch (256 lines) fills the quota: with two batches in flight at
    /// the cap, the second may see the first's written lines twice (in the store's count and as running) and get a
    /// retryable 429, which is the admission's documented "counted twice at worst" and not what this test is about.
    /// </summary>
    [Fact]
    public async Task Import_SameFileAgainAtTheMemoriesQuota_CompletesWithEveryLineExistingAndANewLineStillStops()
    {
        var tenant = "reimport-" + Guid.NewGuid().ToString("N")[..8];
        using var server = fixture.CreateFactory(new Dictionary<string, string?> { [$"Memory:Quotas:Tenants:{tenant}:MaxMemories"] = "256" });
        using var client = server.CreateClient();
        var user = Api.NewUser();

        var first = await ImportAsync(client, tenant, user, Import.ImportLines.File(256));
        var again = await ImportAsync(client, tenant, user, Import.ImportLines.File(256));
        var oneMore = await ImportAsync(client, tenant, user, Import.ImportLines.File(257));

        Assert.Equal(("completed", 256L, 0L), ((string?)first["type"], (long)first["imported"]!, (long)first["existing"]!));
        Assert.Equal(("completed", 0L, 256L), ((string?)again["type"], (long)again["imported"]!, (long)again["existing"]!));
        Assert.Equal(("stopped", 0L, 256L), ((string?)oneMore["type"], (long)oneMore["imported"]!, (long)oneMore["existing"]!));
        Assert.Equal(("urn:memoryfunctions:problem:quota-exceeded", 257L), ((string?)oneMore["stopped"]!["type"], (long)oneMore["stopped"]!["line"]!));
        Assert.Equal(256, (await fixture.Store.ExportMemoriesAsync(new MemoryPartition(tenant, user)).ToListAsync()).Count);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ImportAsync(HttpClient client, string tenant, string user, string lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/imports") { Content = Import.ImportLines.Ndjson(lines) };
        request.Headers.Add("x-tenant-id", tenant);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Import.ImportLines.FinalAsync(response);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Server(string flooding) => fixture.CreateFactory(new Dictionary<string, string?>
    {
        [$"Memory:Quotas:Tenants:{flooding}:RequestsPerSecond"] = "0.001",
        [$"Memory:Quotas:Tenants:{flooding}:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string target, string tenant, string? body = null)
    {
        using var request = new HttpRequestMessage(method, target) { Content = body is null ? null : Api.Json(body) };
        request.Headers.Add("x-tenant-id", tenant);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request);
    }
}
