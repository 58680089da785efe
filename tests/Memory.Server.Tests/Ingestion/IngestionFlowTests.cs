using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>Conversation in, memories out, through HTTP only: the local runner with rule-based decisions on the embedded store.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class IngestionFlowTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March20 = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task SubmitMessages_Conversation_AddsFactsThatSearchFinds()
    {
        fixture.IngestionClock.SetUtcNow(March1);
        var user = Api.NewUser();

        var (accepted, location) = await _client.SubmitAsync(
            user, Conversation.Body(March1.AddHours(-1), "I work at Contoso, and I prefer Python over JavaScript.", "My favorite color is blue."));

        var id = (string)accepted["id"]!;
        Assert.True((string?)accepted["status"] is "queued" or "running", accepted.ToJsonString());
        Assert.Equal($"/api/operations/{id}?userId={user}", location);
        var operation = await _client.WaitForOperationAsync(location);
        Assert.Equal("succeeded", (string?)operation["status"]);
        Assert.Equal(IngestionWorkflow.PhaseCount, (int?)operation["progress"]!["done"]);
        Assert.Null(operation["error"]);
        Assert.Null(operation["truncation"]);
        var adds = operation.Decisions("add");
        Assert.Contains(adds, d => (string?)d["fact"] == "Works at Contoso");
        Assert.Contains(adds, d => (string?)d["fact"] == "Prefers Python over JavaScript");
        Assert.All(adds, d => Assert.StartsWith("mem_", (string?)d["memoryId"], StringComparison.Ordinal));
        var texts = await _client.SearchTextsAsync(user, """{"query":"programming language preference","kinds":["preference"]}""");
        Assert.Equal("Prefers Python over JavaScript", texts[0]);
        var sameOperation = await _client.GetAsync($"/api/users/{user}/operations/{id}");
        Assert.Equal("succeeded", (string?)(await sameOperation.ReadJsonAsync())["status"]);
    }

    [Fact]
    public async Task SubmitMessages_NewEmployer_SupersedesTheOldOneFromTheStatedDate()
    {
        var user = Api.NewUser();
        var (contoso, second) = await StatedThenChangedAsync(user, "I work at Contoso.", "I joined Fabrikam last week.");

        var supersede = second.Decisions("supersede").Single();
        Assert.Equal(contoso, (string?)supersede["supersededMemoryId"]);
        var fabrikam = (string)supersede["memoryId"]!;
        var current = await _client.SearchTextsAsync(user, """{"query":"works at employer","kinds":["fact"]}""");
        Assert.Contains(current, t => t.StartsWith("Works at Fabrikam", StringComparison.Ordinal));
        Assert.DoesNotContain("Works at Contoso", current);
        Assert.Contains("Works at Contoso", await _client.SearchTextsAsync(user, """{"query":"works at employer","kinds":["fact"],"includeSuperseded":true}"""));

        var history = (await (await _client.GetAsync($"/api/users/{user}/memories/{contoso}/history")).ReadJsonAsync())["events"]!.AsArray();
        Assert.Equal(["add", "supersede"], history.Select(e => (string?)e!["op"]));
        Assert.Equal((string?)second["id"], (string?)history[1]!["operationId"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)history[1]!["reason"]), history.ToJsonString());
        var memory = await (await _client.GetAsync($"/api/users/{user}/memories/{fabrikam}")).ReadJsonAsync();
        Assert.StartsWith("2026-03-13", (string?)memory["validFrom"], StringComparison.Ordinal);
        var old = await (await _client.GetAsync($"/api/users/{user}/memories/{contoso}")).ReadJsonAsync();
        Assert.Equal(fabrikam, (string?)old["supersededBy"]);
        Assert.StartsWith("2026-03-13", (string?)old["validTo"], StringComparison.Ordinal);
        var before = await _client.SearchTextsAsync(user, """{"query":"works at employer","kinds":["fact"],"asOf":"2026-03-05T00:00:00Z"}""");
        Assert.Contains("Works at Contoso", before);
        Assert.DoesNotContain(before, t => t.StartsWith("Works at Fabrikam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitMessages_Retraction_EndsTheOldMemory()
    {
        var user = Api.NewUser();
        var (meat, second) = await StatedThenChangedAsync(user, "I eat meat.", "I no longer eat meat.");

        Assert.Equal(meat, (string?)second.Decisions("delete").Single()["memoryId"]);
        Assert.DoesNotContain("Eats meat", await _client.SearchTextsAsync(user, """{"query":"eats meat diet","kinds":["fact"]}"""));
        Assert.DoesNotContain(await _client.ListMemoriesAsync(user), m => (string?)m!["id"] == meat);
        Assert.Contains(await _client.ListMemoriesAsync(user, "&includeSuperseded=true"), m => (string?)m!["id"] == meat);
        var old = await _client.GetAsync($"/api/users/{user}/memories/{meat}");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.NotNull((await old.ReadJsonAsync())["validTo"]);
    }

    [Fact]
    public async Task GetOperation_AnotherUsersOrTenantsOperation_Returns404()
    {
        fixture.IngestionClock.SetUtcNow(March1);
        var user = Api.NewUser();
        var (accepted, _) = await _client.SubmitAsync(user, Conversation.Body(March1, "I live in Oslo."));
        var id = (string)accepted["id"]!;

        using var otherUser = await _client.GetAsync($"/api/operations/{id}?userId={Api.NewUser()}");
        using var otherUserRoute = await _client.GetAsync($"/api/users/{Api.NewUser()}/operations/{id}");
        using var otherTenant = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/operations/{id}?userId={user}", tenant: "other-tenant"));
        using var noUser = await _client.GetAsync($"/api/operations/{id}");

        await otherUser.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await otherUserRoute.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await otherTenant.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await noUser.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "userId");
        await _client.WaitForOperationAsync($"/api/operations/{id}?userId={user}");
    }

    /// <summary>Ingests a statement on March 1 (one fact, added) and a change on March 20; returns the first memory's id and the second operation.</summary>
    private async Task<(string FirstMemoryId, JsonNode Second)> StatedThenChangedAsync(string user, string statement, string change)
    {
        fixture.IngestionClock.SetUtcNow(March1);
        var first = await _client.IngestAsync(user, Conversation.Body(March1.AddHours(-1), statement));
        var memoryId = (string)first.Decisions("add").Single()["memoryId"]!;
        fixture.IngestionClock.SetUtcNow(March20);
        return (memoryId, await _client.IngestAsync(user, Conversation.Body(March20.AddHours(-1), change)));
    }

    [Fact]
    public async Task SubmitMessages_MoreFactsThanTheCap_SucceedsAndSaysWhatItLeftOut()
    {
        var factory = fixture.CreateFactory(
            new Dictionary<string, string?> { ["Memory:Ingestion:MaxFactsPerRequest"] = "2" },
            services => services.AddSingleton<TimeProvider>(fixture.IngestionClock));
        using var client = factory.CreateClient();
        var user = Api.NewUser();

        var (_, location) = await client.SubmitAsync(user, Conversation.Body(March1, "I work at Contoso. I live in Oslo. I prefer tea over coffee."));

        var operation = await client.WaitForOperationAsync(location);
        Assert.Equal("succeeded", (string?)operation["status"]);
        Assert.Equal(2, operation["decisions"]!.AsArray().Count);
        Assert.Equal(1, (int?)operation["truncation"]!["factsOmitted"]);
        Assert.Equal(0, (int?)operation["truncation"]!["decisionsOmitted"]);
    }
}
