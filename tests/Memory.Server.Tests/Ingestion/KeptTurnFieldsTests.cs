using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>
/// What a kept turn stores beside its text is visible outside <c>/context</c>: resolved dates and posted position in
/// every memory answer (search, get, list), and the turn before it too in the export.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class KeptTurnFieldsTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset March5 = new(2024, 3, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task KeptTurn_SearchGetAndExport_ShowItsResolvedDatesAndPositionAndTheExportTheTurnBefore()
    {
        var user = Api.NewUser();
        fixture.IngestionClock.SetUtcNow(March5.AddHours(1));
        var messages = new JsonArray(
            Conversation.Turn("assistant", "How was your weekend of training?", March5),
            Conversation.Turn("user", "I ran my first 10k race yesterday!", March5));
        await _client.IngestAsync(user, Conversation.Body(messages, sessionId: "running"));

        using var search = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"first 10k race","kinds":["turn"],"topK":1}"""));
        var found = (await search.ReadJsonAsync())["results"]![0]!["memory"]!;
        using var get = await _client.GetAsync($"/api/users/{user}/memories/{(string)found["id"]!}");
        var read = await get.ReadJsonAsync();
        using var export = await _client.GetAsync($"/api/users/{user}/export");
        var exported = (await export.ReadJsonAsync())["memories"]!.AsArray().Single(m => (string?)m!["id"] == (string?)found["id"])!;

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        foreach (var memory in new[] { found, read, exported })
        {
            Assert.Equal("I ran my first 10k race yesterday!", (string?)memory["text"]);
            Assert.Equal("yesterday = 4 March 2024", (string?)memory["resolvedDates"]);
            Assert.Equal(1, (int?)memory["ordinal"]);
        }

        Assert.Null(found["precedingText"]);
        Assert.Null(read["precedingText"]);
        Assert.Equal("How was your weekend of training?", (string?)exported["precedingText"]);
    }
}
