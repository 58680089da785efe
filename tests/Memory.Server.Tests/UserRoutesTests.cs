using System.Net;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class UserRoutesTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Export_UserWithMemories_ReturnsMemoriesWithEmbeddingsAndHistory()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Birthday is in May"}"""))["id"]!;
        (await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{user}/memories/{id}", """{"text":"Birthday is on 3 May"}"""))).Dispose();

        using var response = await _client.GetAsync($"/api/users/{user}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.ReadJsonAsync();
        Assert.Equal(user, (string?)export["userId"]);
        Assert.Equal("default", (string?)export["tenantId"]);
        var memory = Assert.Single(export["memories"]!.AsArray());
        Assert.Equal("Birthday is on 3 May", (string?)memory!["text"]);
        Assert.NotNull(memory["embedding"]);
        Assert.Equal(2, export["history"]!.AsArray().Count);
        Assert.Empty(export["operations"]!.AsArray());
    }

    [Fact]
    public async Task Erase_User_Returns200WithCountsAndLeavesNothing()
    {
        var user = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(user, """{"text":"Name is Ana"}"""))["id"]!;
        await _client.CreateMemoryAsync(user, """{"text":"Works nights"}""");

        using var erase = await _client.DeleteAsync($"/api/users/{user}");

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var counts = await erase.ReadJsonAsync();
        Assert.Equal(2, (int)counts["memoriesErased"]!);
        Assert.Equal(0, (int)counts["operationsErased"]!);

        using var list = await _client.GetAsync($"/api/users/{user}/memories?includeSuperseded=true");
        Assert.Empty((await list.ReadJsonAsync())["items"]!.AsArray());
        using var history = await _client.GetAsync($"/api/users/{user}/memories/{id}/history");
        await history.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var export = await _client.GetAsync($"/api/users/{user}/export");
        var exported = await export.ReadJsonAsync();
        Assert.Empty(exported["memories"]!.AsArray());
        Assert.Empty(exported["history"]!.AsArray());
        Assert.Empty(exported["operations"]!.AsArray());
        using var search = await _client.PostAsync($"/api/users/{user}/search", Api.Json("""{"query":"Ana"}"""));
        Assert.Empty((await search.ReadJsonAsync())["results"]!.AsArray());
    }

    [Fact]
    public async Task Erase_UnknownUser_Returns200WithZeroCounts()
    {
        using var erase = await _client.DeleteAsync($"/api/users/{Api.NewUser()}");

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal(0, (int)(await erase.ReadJsonAsync())["memoriesErased"]!);
    }
}
