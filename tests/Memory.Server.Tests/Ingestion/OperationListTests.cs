using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary><c>GET /api/users/{userId}/operations</c>: newest first, a status filter, a cursor that walks every page once.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class OperationListTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task List_FivePagesOfTwo_EveryOperationOnceNewestFirst_ThenFilteredByStatus()
    {
        var user = Api.NewUser();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            using var response = await _client.PostAsync($"/api/users/{user}/messages", Api.Json($$"""{"messages":[{"role":"user","content":"I live in city number {{i}}."}]}"""));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            submitted.Add((string)(await response.ReadJsonAsync())["id"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await _client.GetAsync($"/api/users/{user}/operations?pageSize=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var json = await page.ReadJsonAsync();
            seen.AddRange(json["items"]!.AsArray().Select(item => (string)item!["id"]!));
            cursor = (string?)json["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(Enumerable.Reverse(submitted), seen);
        Assert.Equal(3, pages);

        foreach (var id in submitted)
        {
            await _client.WaitForOperationAsync($"/api/operations/{id}?userId={user}");
        }

        using var succeeded = await _client.GetAsync($"/api/users/{user}/operations?status=succeeded&status=failed");
        Assert.Equal(5, (await succeeded.ReadJsonAsync())["items"]!.AsArray().Count);
        using var running = await _client.GetAsync($"/api/users/{user}/operations?status=queued");
        Assert.Empty((await running.ReadJsonAsync())["items"]!.AsArray());
        using var other = await _client.GetAsync($"/api/users/{Api.NewUser()}/operations");
        Assert.Empty((await other.ReadJsonAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task List_BadQuery_400NamingTheParameter(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/users/{Api.NewUser()}/operations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task List_CursorOfAnotherUser_Refused()
    {
        var user = Api.NewUser();
        for (var i = 0; i < 2; i++)
        {
            using var _ = await _client.PostAsync($"/api/users/{user}/messages", Api.Json("""{"messages":[{"role":"user","content":"I like tea."}]}"""));
        }

        using var first = await _client.GetAsync($"/api/users/{user}/operations?pageSize=1");
        var cursor = (string)(await first.ReadJsonAsync())["nextCursor"]!;

        using var stolen = await _client.GetAsync($"/api/users/{Api.NewUser()}/operations?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
    }
}
