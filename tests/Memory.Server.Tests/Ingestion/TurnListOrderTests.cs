using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>
/// Turns posted without timestamps share their time; list pages and the export keep their posted order (newest first, so
/// reversed) on the embedded store, where ties used to fall to the content-hash id.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class TurnListOrderTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task TurnsWithoutTimestamps_ListPagesAndExport_ReversePostedOrder()
    {
        var user = Api.NewUser();
        var posted = Enumerable.Range(1, 9).Select(i => $"Untimed message {i} about the garden plan.").ToArray();
        var messages = new JsonArray([.. posted.Select(text => (JsonNode)new JsonObject { ["role"] = "user", ["content"] = text })]);
        await _client.IngestAsync(user, Conversation.Body(messages, sessionId: "untimed"));

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor);
            using var response = await _client.GetAsync($"/api/users/{user}/memories?kind=turn&pageSize=2{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            listed.AddRange(page["items"]!.AsArray().Select(item => (string)item!["text"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        using var export = await _client.GetAsync($"/api/users/{user}/export");
        var exported = (await export.ReadJsonAsync())["memories"]!.AsArray()
            .Where(memory => (string?)memory!["kind"] == "turn").Select(memory => (string)memory!["text"]!).ToList();

        Assert.Equal(posted.Reverse(), listed);
        Assert.Equal(posted.Reverse(), exported);
    }
}
