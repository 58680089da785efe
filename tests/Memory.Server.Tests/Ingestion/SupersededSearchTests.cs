using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>
/// Issue 26's case through the real pipeline (rule-based extraction and reconciliation, the embedded store, HTTP): the
/// user changes employer twice, and a search for the first employer's words says which statement holds and keeps the
/// turns that said the old ones below it.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class SupersededSearchTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task Search_TurnsRestatingEarlierEmployers_RankBelowTheCurrentOneAndSaySo()
    {
        var user = await EmployerChangedTwiceAsync();

        var results = await SearchAsync(user, """{"query":"I work at Contoso","topK":10}""");

        var initech = results.FindIndex(r => Text(r) == "Works at Initech");
        var contosoTurn = results.FindIndex(r => Text(r) == "Hi! I work at Contoso.");
        Assert.True(initech >= 0 && contosoTurn > initech, $"Initech at {initech}, the Contoso turn at {contosoTurn}: {Describe(results)}");
        Assert.Equal("current", Standing(results[initech]));
        Assert.Equal("outdatedEvidence", Standing(results[contosoTurn]));
        Assert.Equal("outdatedEvidence", Standing(Assert.Single(results, r => Text(r) == "I joined Fabrikam.")));
        Assert.DoesNotContain(results, r => Text(r) is "Works at Contoso" or "Works at Fabrikam");
    }

    [Fact]
    public async Task Search_IncludeSuperseded_EndedEmployersSayEndedAndOnlyTheCurrentOneSaysCurrent()
    {
        var user = await EmployerChangedTwiceAsync();

        var results = await SearchAsync(user, """{"query":"I work at Contoso, Fabrikam or Initech","topK":10,"includeSuperseded":true}""");

        Assert.Equal("ended", Standing(Assert.Single(results, r => Text(r) == "Works at Contoso")));
        Assert.Equal("ended", Standing(Assert.Single(results, r => Text(r) == "Works at Fabrikam")));
        Assert.Equal(["Works at Initech"], results.Where(r => Standing(r) == "current").Select(Text));
        var initech = results.FindIndex(r => Text(r) == "Works at Initech");
        var contosoTurn = results.FindIndex(r => Text(r) == "Hi! I work at Contoso.");
        Assert.True(contosoTurn > initech, Describe(results));
        Assert.Equal("outdatedEvidence", Standing(results[contosoTurn]));
        Assert.Equal("evidence", Standing(Assert.Single(results, r => Text(r) == "I now work at Initech.")));
    }

    /// <summary>Contoso on March 1, Fabrikam on March 10, Initech on March 20, one session each; the clock stays at March 21.</summary>
    private async Task<string> EmployerChangedTwiceAsync()
    {
        var user = Api.NewUser();
        var said = new[] { ("Hi! I work at Contoso.", March1), ("I joined Fabrikam.", March1.AddDays(9)), ("I now work at Initech.", March1.AddDays(19)) };
        for (var i = 0; i < said.Length; i++)
        {
            var (text, at) = said[i];
            fixture.IngestionClock.SetUtcNow(at.AddHours(1));
            await _client.IngestAsync(user, Conversation.Body(Conversation.UserTurns(at, text), sessionId: $"s{i}"));
        }

        fixture.IngestionClock.SetUtcNow(March1.AddDays(20));
        return user;
    }

    private async Task<List<JsonNode>> SearchAsync(string user, string json)
    {
        using var response = await _client.PostAsync($"/api/users/{user}/search", Api.Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync())["results"]!.AsArray().Select(r => r!)];
    }

    private static string Text(JsonNode result) => (string)result["memory"]!["text"]!;

    private static string? Standing(JsonNode result) => (string?)result["standing"];

    private static string Describe(List<JsonNode> results) => string.Join(" | ", results.Select(r => $"{Text(r)} ({Standing(r)})"));
}
