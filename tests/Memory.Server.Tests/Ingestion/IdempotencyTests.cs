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
        var after = await _client.ListMemoriesAsync(user, "&includeSuperseded=true");
        // The turns were said again, at a new time, so they are kept again; the facts they state are not duplicated.
        static IEnumerable<string?> Facts(IEnumerable<System.Text.Json.Nodes.JsonNode?> memories) =>
            memories.Where(m => (string?)m!["kind"] != "turn").Select(m => (string?)m!["id"]);
        Assert.Equal(Facts(before), Facts(after));
        Assert.Equal(2, after.Count(m => (string?)m!["kind"] == "turn") - before.Count(m => (string?)m!["kind"] == "turn"));
    }
}
