using System.Net;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class MemoryWriteRoutesTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task UpdateMemory_ConcurrentIfMatchStar_EveryPatchSucceedsPerRfc9110()
    {
        var user = Api.NewUser();
        var created = await _client.CreateMemoryAsync(user, """{"text":"Works at Contoso"}""");
        var id = (string)created["id"]!;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var request = Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", $$"""{"importance":{{(i + 1) / 31.0:0.000}}}""");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var response = await _client.SendAsync(request);
            return response.StatusCode;
        }));

        // "*" matches any current representation: none of them may fail with 412 because another one got there first.
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task UpdateMemory_MatchingIfMatch_Returns200WithNewTextAndNewETag()
    {
        var user = Api.NewUser();
        var created = await _client.CreateMemoryAsync(user, """{"text":"Works at Contoso"}""");
        var id = (string)created["id"]!;
        using var request = Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", """{"text":"Works at Fabrikam","tags":["job"]}""");
        request.IfMatch((string)created["etag"]!);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        Assert.Equal("Works at Fabrikam", (string?)updated["text"]);
        Assert.Equal(id, (string?)updated["id"]);
        Assert.NotEqual((string?)created["etag"], Api.ETagOf(response));
        Assert.Equal((string?)updated["etag"], Api.ETagOf(response));
    }

    [Fact]
    public async Task UpdateMemory_StaleIfMatch_Returns412WithCurrentETag()
    {
        var user = Api.NewUser();
        var created = await _client.CreateMemoryAsync(user, """{"text":"Owns a bike"}""");
        var id = (string)created["id"]!;
        using (var first = Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", """{"importance":0.9}"""))
        {
            (await _client.SendAsync(first)).Dispose();
        }

        using var stale = Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", """{"importance":0.1}""");
        stale.IfMatch((string)created["etag"]!);
        using var response = await _client.SendAsync(stale);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.NotNull(Api.ETagOf(response));
        Assert.NotEqual((string?)created["etag"], Api.ETagOf(response));
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"text":""}""", "text")]
    [InlineData("""{"confidence":2}""", "confidence")]
    [InlineData("""{"tags":["a","a","\u0001"]}""", "tags[2]")]
    public async Task UpdateMemory_InvalidPatch_Returns400NamingTheField(string json, string field)
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Plays chess"}"""))["id"]!;

        using var response = await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
    }

    [Fact]
    public async Task UpdateMemory_Missing_Returns404Problem()
    {
        using var response = await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{Api.NewUser()}/memories/mem_nope", """{"text":"x"}"""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task DeleteMemory_StaleIfMatch_Returns412AndKeepsTheMemory()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Allergic to nuts"}"""))["id"]!;
        using var request = Api.Request(HttpMethod.Delete, $"/api/users/{user}/memories/{id}");
        request.IfMatch("\"stale\"");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        using var still = await _client.GetAsync($"/api/users/{user}/memories/{id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task DeleteMemory_MatchingIfMatch_Returns204AndHistoryRemains()
    {
        var user = Api.NewUser();
        var created = await _client.CreateMemoryAsync(user, """{"text":"Speaks Portuguese"}""");
        var id = (string)created["id"]!;
        using var request = Api.Request(HttpMethod.Delete, $"/api/users/{user}/memories/{id}");
        request.IfMatch((string)created["etag"]!);

        using var response = await _client.SendAsync(request);
        using var gone = await _client.GetAsync($"/api/users/{user}/memories/{id}");
        using var history = await _client.GetAsync($"/api/users/{user}/memories/{id}/history");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        var events = (await history.ReadJsonAsync())["events"]!.AsArray();
        Assert.Equal(["add", "delete"], events.Select(e => (string)e!["op"]!));
    }

    [Fact]
    public async Task DeleteMemory_Missing_Returns404Problem()
    {
        using var response = await _client.DeleteAsync($"/api/users/{Api.NewUser()}/memories/mem_nope");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task GetHistory_AfterUpdate_ListsAddThenUpdateWithBeforeAndAfter()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Drives a Golf"}"""))["id"]!;
        (await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", """{"text":"Drives a Polo"}"""))).Dispose();

        using var response = await _client.GetAsync($"/api/users/{user}/memories/{id}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(id, (string?)body["memoryId"]);
        var events = body["events"]!.AsArray();
        Assert.Equal(["add", "update"], events.Select(e => (string)e!["op"]!));
        Assert.Equal("Drives a Golf", (string?)events[1]!["before"]);
        Assert.Equal("Drives a Polo", (string?)events[1]!["after"]);
    }

    [Fact]
    public async Task GetHistory_UnknownMemory_Returns404Problem()
    {
        using var response = await _client.GetAsync($"/api/users/{Api.NewUser()}/memories/mem_unknown/history");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task UpdateMemory_ValidToNow_HidesItUnlessSupersededAreIncluded()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Lives in Porto"}"""))["id"]!;
        var now = fixture.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        (await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", $$"""{"validTo":"{{now}}"}"""))).Dispose();

        using var visible = await _client.GetAsync($"/api/users/{user}/memories");
        using var all = await _client.GetAsync($"/api/users/{user}/memories?includeSuperseded=true");
        using var search = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"Porto","includeSuperseded":true}"""));

        Assert.Empty((await visible.ReadJsonAsync())["items"]!.AsArray());
        Assert.Equal(id, (string?)Assert.Single((await all.ReadJsonAsync())["items"]!.AsArray())!["id"]);
        Assert.Single((await search.ReadJsonAsync())["results"]!.AsArray());
    }
}
