using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class MemoryRoutesTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task CreateMemory_NewText_Returns201WithLocationAndETag()
    {
        var user = Api.NewUser();
        using var response = await _client.PostAsync(
            $"/api/users/{user}/memories",
            Api.Json("""{"text":"Prefers tea over coffee","kind":"preference","tags":["drinks"],"metadata":{"source":"chat","turn":3,"pinned":true},"importance":0.8}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var memory = await response.ReadJsonAsync();
        var id = (string)memory["id"]!;
        Assert.Equal($"/api/users/{user}/memories/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((string?)memory["etag"], Api.ETagOf(response));
        Assert.Equal("preference", (string?)memory["kind"]);
        Assert.Equal(3, (double?)memory["metadata"]!["turn"]);
        Assert.True((bool?)memory["metadata"]!["pinned"]);
        Assert.Null(memory["embedding"]);
    }

    [Fact]
    public async Task CreateMemory_SameContentTwice_Returns200WithTheExistingMemory()
    {
        var user = Api.NewUser();
        var first = await _client.CreateMemoryAsync(user, """{"text":"Lives in Lisbon"}""");

        using var again = await _client.PostAsync($"/api/users/{user}/memories", Api.Json("""{"text":"  lives in lisbon. "}"""));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string?)first["id"], (string?)(await again.ReadJsonAsync())["id"]);
    }

    [Theory]
    [InlineData("""{"kind":"fact"}""", "text")]
    [InlineData("""{"text":"   "}""", "text")]
    [InlineData("""{"text":"x","confidence":1.5}""", "confidence")]
    [InlineData("""{"text":"x","importance":-0.1}""", "importance")]
    [InlineData("""{"text":"x","agentId":"bad/agent"}""", "agentId")]
    [InlineData("""{"text":"x","sessionId":"..\\etc"}""", "sessionId")]
    [InlineData("""{"text":"x","tags":["ok",""]}""", "tags[1]")]
    [InlineData("""{"text":"x","metadata":{"bad key":1}}""", "metadata.bad key")]
    [InlineData("""{"text":"x","validFrom":"2026-02-01T00:00:00Z","expiresAt":"2026-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task CreateMemory_InvalidField_Returns400NamingTheField(string json, string field)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }

    [Fact]
    public async Task CreateMemory_TextOverLimit_Returns400ForText()
    {
        var json = new JsonObject { ["text"] = new string('a', 8_001) }.ToJsonString();

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "text");
    }

    [Fact]
    public async Task GetMemory_Existing_ReturnsItWithETagAndEmbeddingOnlyWhenAsked()
    {
        var user = Api.NewUser();
        var created = await _client.CreateMemoryAsync(user, """{"text":"Has a dog named Rex"}""");
        var id = (string)created["id"]!;

        using var plain = await _client.GetAsync($"/api/users/{user}/memories/{id}");
        using var withEmbedding = await _client.GetAsync($"/api/users/{user}/memories/{id}?includeEmbedding=true");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal((string?)created["etag"], Api.ETagOf(plain));
        Assert.Null((await plain.ReadJsonAsync())["embedding"]);
        Assert.Equal(fixture.Embedder.Dimensions, (await withEmbedding.ReadJsonAsync())["embedding"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetMemory_Missing_Returns404Problem()
    {
        using var response = await _client.GetAsync($"/api/users/{Api.NewUser()}/memories/mem_missing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ListMemories_FiltersAndPages_ReturnsEveryMatchOnceAcrossPages()
    {
        var user = Api.NewUser();
        for (var i = 0; i < 5; i++)
        {
            await _client.CreateMemoryAsync(user, $$"""{"text":"Fact number {{i}}","tags":["t"],"agentId":"agent-1"}""");
        }

        await _client.CreateMemoryAsync(user, """{"text":"Likes jazz","kind":"preference","agentId":"agent-1"}""");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/users/{user}/memories?kind=fact&tag=t&agentId=agent-1&pageSize=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            using var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(item => (string)item!["id"]!));
            Assert.All(page["items"]!.AsArray(), item => Assert.Null(item!["embedding"]));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("kind=gossip", "kind")]
    [InlineData("includeSuperseded=maybe", "includeSuperseded")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("agentId=a%2Fb", "agentId")]
    public async Task ListMemories_BadQuery_Returns400NamingTheParameter(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/users/{Api.NewUser()}/memories?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }

    [Fact]
    public async Task ListMemories_CursorOfAnotherUser_Returns400()
    {
        var owner = Api.NewUser();
        await _client.CreateMemoryAsync(owner, """{"text":"One"}""");
        await _client.CreateMemoryAsync(owner, """{"text":"Two"}""");
        using var first = await _client.GetAsync($"/api/users/{owner}/memories?pageSize=1");
        var cursor = (string)(await first.ReadJsonAsync())["nextCursor"]!;

        using var stolen = await _client.GetAsync($"/api/users/{Api.NewUser()}/memories?pageSize=1&cursor={cursor}");

        await stolen.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "cursor");
    }

    [Fact]
    public async Task ListMemories_AsOfBeforeCreation_ReturnsNothing()
    {
        var user = Api.NewUser();
        await _client.CreateMemoryAsync(user, """{"text":"Started a new job"}""");
        var before = fixture.Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await _client.GetAsync($"/api/users/{user}/memories?asOf={before}");

        Assert.Empty((await response.ReadJsonAsync())["items"]!.AsArray());
    }
}
