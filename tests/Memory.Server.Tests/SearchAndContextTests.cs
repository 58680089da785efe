using System.Globalization;
using System.Net;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class SearchAndContextTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Search_MatchingMemory_RanksItFirstWithoutEmbedding()
    {
        var user = Api.NewUser();
        var tea = (string)(await _client.CreateMemoryAsync(user, """{"text":"Prefers green tea in the morning"}"""))["id"]!;
        await _client.CreateMemoryAsync(user, """{"text":"Has two cats"}""");

        using var response = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"green tea","topK":5}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.ReadJsonAsync())["results"]!.AsArray();
        Assert.Equal(tea, (string?)results[0]!["memory"]!["id"]);
        Assert.Null(results[0]!["memory"]!["embedding"]);
        Assert.Null(results[0]!["explanation"]);
        Assert.InRange((double)results[0]!["score"]!, 0.0, 1.0);
    }

    [Fact]
    public async Task Search_ServerTiming_SplitsTheSearchIntoEmbeddingIndexAndRanking()
    {
        var user = Api.NewUser();
        await _client.CreateMemoryAsync(user, """{"text":"Prefers green tea in the morning"}""");

        using var response = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"green tea"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = response.Headers.GetValues("Server-Timing").Single().Split(", ")
            .Select(metric => metric.Split(";dur="))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
        Assert.Equal(["embed", "index", "rank", "search"], metrics.Keys);
        Assert.True(metrics["index"] > 0, "the store's search takes some time");
        Assert.All(metrics.Values, duration => Assert.True(duration >= 0));
        Assert.InRange(metrics["embed"] + metrics["index"] + metrics["rank"] - metrics["search"], -0.005, 0.005);
    }

    [Fact]
    public async Task Search_Explain_ReturnsEveryScoreComponent()
    {
        var user = Api.NewUser();
        await _client.CreateMemoryAsync(user, """{"text":"Runs marathons"}""");

        using var response = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"marathons","explain":true,"includeEmbedding":true}"""));

        var result = (await response.ReadJsonAsync())["results"]![0]!;
        var explanation = result["explanation"]!;
        foreach (var component in new[]
        {
            "vectorSimilarity", "vectorRank", "lexicalScore", "lexicalRank", "lexicalMaximum", "method", "vectorNormalized", "lexicalNormalized",
            "vectorWeight", "lexicalWeight", "fusion", "recency", "importance", "final", "speaker", "time", "namedSpeakers", "namedTimes",
        })
        {
            Assert.NotNull(explanation[component]);
        }

        Assert.Equal((double)result["score"]!, (double)explanation["final"]!, 6);
        Assert.Equal("current", (string?)result["standing"]);
        Assert.NotEmpty(result["memory"]!["embedding"]!.AsArray());
    }

    [Fact]
    public async Task Search_Filters_ApplyKindsTagsMetadataAgentAndTime()
    {
        var user = Api.NewUser();
        var wanted = (string)(await _client.CreateMemoryAsync(
            user, """{"text":"Likes hiking trips","kind":"preference","agentId":"travel","tags":["outdoor"],"metadata":{"region":"alps","level":2}}"""))["id"]!;
        await _client.CreateMemoryAsync(user, """{"text":"Likes hiking boots","kind":"fact","agentId":"travel","tags":["outdoor"],"metadata":{"region":"alps","level":2}}""");
        await _client.CreateMemoryAsync(user, """{"text":"Likes hiking maps","kind":"preference","agentId":"travel","tags":["indoor"],"metadata":{"region":"alps","level":2}}""");
        await _client.CreateMemoryAsync(user, """{"text":"Likes hiking poles","kind":"preference","agentId":"travel","tags":["outdoor"],"metadata":{"region":"andes","level":2}}""");
        var now = fixture.Clock.GetUtcNow();

        var json = $$"""
            {"query":"hiking","kinds":["preference"],"agentId":"travel","tags":["outdoor"],"metadata":{"region":"alps","level":2},
             "createdFrom":"{{now.AddMinutes(-1):O}}","createdTo":"{{now.AddMinutes(1):O}}","topK":10}
            """;
        using var response = await _client.PostAsync($"/api/users/{user}/search", Api.Json(json));

        var ids = (await response.ReadJsonAsync())["results"]!.AsArray().Select(r => (string)r!["memory"]!["id"]!).ToList();
        Assert.Equal([wanted], ids);
    }

    [Theory]
    [InlineData("""{"topK":5}""", "query")]
    [InlineData("""{"query":"x","topK":0}""", "topK")]
    [InlineData("""{"query":"x","topK":101}""", "topK")]
    [InlineData("""{"query":"x","minScore":1.1}""", "minScore")]
    [InlineData("""{"query":"x","sessionId":"has space"}""", "sessionId")]
    [InlineData("""{"query":"x","createdFrom":"2026-02-01T00:00:00Z","createdTo":"2026-01-01T00:00:00Z"}""", "createdTo")]
    public async Task Search_InvalidRequest_Returns400NamingTheField(string json, string field)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }

    [Fact]
    public async Task Search_QueryOverLimit_Returns400ForQuery()
    {
        var json = "{\"query\":\"" + new string('q', 4_001) + "\"}";

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "query");
    }

    [Fact]
    public async Task Context_RelevantMemories_ReturnsFencedBlockWithIds()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Is vegetarian <b>strictly</b>"}"""))["id"]!;

        using var response = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"vegetarian dinner","maxTokens":500}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var context = (string)body["context"]!;
        Assert.StartsWith("<memory-context>", context, StringComparison.Ordinal);
        Assert.EndsWith("</memory-context>", context, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", context, StringComparison.Ordinal);
        Assert.Equal([id], body["memories"]!.AsArray().Select(m => (string)m!));
        Assert.False((bool)body["truncated"]!);
        Assert.InRange((int)body["estimatedTokens"]!, 1, 500);
    }

    [Fact]
    public async Task Context_TightBudget_TruncatesAndSaysSo()
    {
        var user = Api.NewUser();
        for (var i = 0; i < 10; i++)
        {
            await _client.CreateMemoryAsync(user, $$"""{"text":"Coffee note {{i}}: {{new string('c', 200)}}"}""");
        }

        using var response = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"coffee note","maxTokens":200}"""));

        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["truncated"]!);
        Assert.True(body["memories"]!.AsArray().Count < 10);
    }

    /// <summary>Without <c>maxMemories</c> a block considers one memory per 10 tokens of its budget (at least 50); an explicit value decides.</summary>
    [Fact]
    public async Task Context_MaxMemories_DefaultFollowsTheBudgetExplicitValueWins()
    {
        var user = Api.NewUser();
        for (var i = 0; i < 60; i++)
        {
            await _client.CreateMemoryAsync(user, $$"""{"text":"Tea note {{i}}"}""");
        }

        using var byDefault = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"tea note","maxTokens":1000}"""));
        using var asked = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"tea note","maxTokens":1000,"maxMemories":20}"""));

        Assert.Equal(60, (await byDefault.ReadJsonAsync())["memories"]!.AsArray().Count);
        Assert.Equal(20, (await asked.ReadJsonAsync())["memories"]!.AsArray().Count);
    }

    /// <summary>
    /// <c>sessionId</c> names the caller's current session and no longer restricts retrieval: what was said in an earlier
    /// session still reaches the block. <c>restrictToSessionId</c> is the filter.
    /// </summary>
    [Fact]
    public async Task Context_CurrentSessionNamed_StillRetrievesEarlierSessionsUnlessRestricted()
    {
        var user = Api.NewUser();
        var earlier = (string)(await _client.CreateMemoryAsync(user, """{"text":"Is allergic to peanuts","sessionId":"monday"}"""))["id"]!;
        var current = (string)(await _client.CreateMemoryAsync(user, """{"text":"Asked about peanut free snacks for the trip","sessionId":"friday"}"""))["id"]!;

        using var named = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"peanuts allergy snacks","maxTokens":500,"sessionId":"friday"}"""));
        using var restricted = await _client.PostAsync($"/api/users/{user}/context", Api.Json("""{"query":"peanuts allergy snacks","maxTokens":500,"restrictToSessionId":"friday"}"""));

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var namedIds = (await named.ReadJsonAsync())["memories"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(earlier, namedIds);
        Assert.Contains(current, namedIds);
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.Equal([current], (await restricted.ReadJsonAsync())["memories"]!.AsArray().Select(m => (string)m!));
    }

    [Theory]
    [InlineData("""{"query":"x","maxTokens":63}""", "maxTokens")]
    [InlineData("""{"query":"x","maxTokens":32001}""", "maxTokens")]
    [InlineData("""{"query":"x","maxMemories":0}""", "maxMemories")]
    [InlineData("""{"query":""}""", "query")]
    [InlineData("""{"query":"x","topK":3}""", "topK")]
    [InlineData("""{"query":"x","restrictToSessionId":"not a valid id!"}""", "restrictToSessionId")]
    [InlineData("""{"query":"x","sessionId":"not a valid id!"}""", "sessionId")]
    public async Task Context_InvalidRequest_Returns400NamingTheField(string json, string field)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/context", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }
}
