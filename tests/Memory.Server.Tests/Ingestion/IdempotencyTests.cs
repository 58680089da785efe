using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>Submitting the same conversation again never stores a memory twice, with or without an Idempotency-Key.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class IdempotencyTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task SubmitMessages_SameIdempotencyKeyTwice_ReturnsTheSameOperationAndOneSetOfMemories()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        var key = Guid.NewGuid().ToString();
        var body = Conversation.Body(At.AddHours(-1), "I live in Oslo.", "I love hiking.");

        var (first, location) = await _client.SubmitAsync(user, body, key);
        var finished = await _client.WaitForOperationAsync(location);
        var (second, secondLocation) = await _client.SubmitAsync(user, body, key);

        Assert.Equal((string?)first["id"], (string?)second["id"]);
        Assert.Equal(location, secondLocation);
        Assert.Equal("succeeded", (string?)second["status"]);
        Assert.Equal(key, (string?)second["idempotencyKey"]);
        Assert.Equal(2, finished.Decisions("add").Count);
        var facts = await _client.ListMemoriesAsync(user, "&kind=fact&kind=preference");
        Assert.Equal(["Lives in Oslo", "Loves hiking"], facts.Select(m => (string?)m!["text"]).Order(StringComparer.Ordinal));
        var export = await (await _client.GetAsync($"/api/users/{user}/export")).ReadJsonAsync();
        Assert.Single(export["operations"]!.AsArray());
    }

    [Fact]
    public async Task SubmitMessages_SameFactsWithoutKey_NoopsAndAddsNothing()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        await _client.IngestAsync(user, Conversation.Body(At.AddHours(-2), "I live in Oslo.", "I prefer tea over coffee."));
        var before = await _client.ListMemoriesAsync(user, "&includeSuperseded=true");

        var repeat = await _client.IngestAsync(user, Conversation.Body(At.AddHours(-1), "I live in Oslo.", "I prefer tea over coffee."));

        var decisions = repeat["decisions"]!.AsArray();
        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal("noop", (string?)d!["action"]));
        // Facts only: the repeated conversation is new talk, so its turns are kept again (kept turns, docs/ingestion.md).
        var after = await _client.ListMemoriesAsync(user, "&includeSuperseded=true");
        static IEnumerable<string?> FactIds(IEnumerable<System.Text.Json.Nodes.JsonNode?> memories) =>
            memories.Where(m => (string?)m!["kind"] != "turn").Select(m => (string?)m!["id"]);
        Assert.Equal(FactIds(before), FactIds(after));
    }

    [Fact]
    public async Task SubmitMessages_SameKeyDifferentBody_422AndTheSecondBodyIsNotSilentlyDropped()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        var key = Guid.NewGuid().ToString();
        var (first, _) = await _client.SubmitAsync(user, Conversation.Body(At.AddHours(-1), "I live in Oslo."), key);

        using var request = Api.Request(HttpMethod.Post, $"/api/users/{user}/messages", Conversation.Body(At.AddHours(-1), "I live in Lima."));
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _client.SendAsync(request);

        var problem = await response.AssertProblemAsync(System.Net.HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Contains((string)first["id"]!, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitMessages_SameKeyAfterErase_NewOperationIngestsTheNewBodyAndNothingOldReturns()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        const string Key = "reuse";
        var (first, firstLocation) = await _client.SubmitAsync(user, Conversation.Body(At.AddHours(-1), "I live in Oslo.", "I love hiking.", "I work at Contoso."), Key);
        (await _client.DeleteAsync($"/api/users/{user}")).EnsureSuccessStatusCode();

        var (second, location) = await _client.SubmitAsync(user, Conversation.Body(At.AddHours(-1), "I live in Lima."), Key);
        var finished = await _client.WaitForOperationAsync(location);
        using var stale = await _client.GetAsync(firstLocation);

        Assert.NotEqual((string?)first["id"], (string?)second["id"]);
        Assert.Equal("succeeded", (string?)finished["status"]);
        // The first operation was cancelled by the erase (a stub that says why), or had finished and went with the user.
        Assert.True(
            stale.StatusCode == System.Net.HttpStatusCode.NotFound || (string?)(await stale.ReadJsonAsync())["status"] == "cancelled",
            $"first operation: {(int)stale.StatusCode}");
        var facts = await _client.ListMemoriesAsync(user, "&kind=fact&kind=preference&includeSuperseded=true");
        Assert.Equal(["Lives in Lima"], facts.Select(m => (string?)m!["text"]));
    }
}
