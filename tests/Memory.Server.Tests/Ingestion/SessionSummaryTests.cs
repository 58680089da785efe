using System.Net;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>The rolling session summary and user profile reach an agent through <c>POST /context</c>.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class SessionSummaryTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task BuildContext_AfterTurnsInASession_IncludesSessionSummaryAndProfile()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        var opening = new System.Text.Json.Nodes.JsonArray(
            Conversation.Turn("user", "I work at Contoso.", At.AddMinutes(-50)),
            Conversation.Turn("assistant", "Noted, you work at Contoso.", At.AddMinutes(-49)));
        await _client.IngestAsync(user, Conversation.Body(opening, sessionId: "trip-1"));

        // Four more turns make the summary due again (Memory:Ingestion:SessionSummaryEveryTurns, default 4).
        var planning = Conversation.UserTurns(At.AddMinutes(-40), "I'm planning to visit Lisbon next Friday.", "I prefer window seats.", "I love seafood.", "My budget is tight this month.");
        await _client.IngestAsync(user, Conversation.Body(planning, sessionId: "trip-1"));

        using var response = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"book a flight","sessionId":"trip-1"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = ((string)(await response.ReadJsonAsync())["context"]!).Split('\n');
        var summary = Listed(lines, "Session summary:");
        Assert.Contains("Contoso", summary, StringComparison.Ordinal);
        Assert.Contains("Lisbon", summary, StringComparison.Ordinal);
        var profile = Listed(lines, "User profile:");
        // Each profile line carries the event date of the fact it states.
        Assert.Matches(@"(?m)^- \[\d{1,2} \w+ \d{4}\] Works at Contoso$", profile);
        Assert.Matches(@"(?m)^- \[\d{1,2} \w+ \d{4}\] Prefers window seats$", profile);
    }

    /// <summary>The "- " lines under a heading of the context block, one per line.</summary>
    private static string Listed(string[] lines, string heading)
    {
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"no '{heading}' in the block");
        return string.Concat(lines.Skip(start + 1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l + "\n"));
    }
}
