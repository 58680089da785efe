using System.Net;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

/// <summary>Nothing of user A reaches user B, nor the same user id under another tenant, through any route.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class IsolationTests(MemoryServerFixture fixture)
{
    private const string Secret = "Secret diary entry about zebras";

    private readonly HttpClient _client = fixture.CreateClient();

    public static TheoryData<string?, bool> Intruders => new()
    {
        // (tenant of the intruder, same user id as the owner)
        { null, false },
        { "tenant-b", true },
    };

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task EveryRoute_OtherPartition_SeesNothingOfTheOwner(string? intruderTenant, bool sameUserId)
    {
        var owner = Api.NewUser();
        var id = (string)(await _client.CreateMemoryAsync(owner, $$"""{"text":"{{Secret}}","sessionId":"s1"}""", tenant: "tenant-a"))["id"]!;
        var intruder = sameUserId ? owner : Api.NewUser();
        var tenant = intruderTenant ?? "tenant-a";

        using var get = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{intruder}/memories/{id}", tenant: tenant));
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var history = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{intruder}/memories/{id}/history", tenant: tenant));
        await history.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var patch = await _client.SendAsync(Api.Request(HttpMethod.Patch, $"/api/users/{intruder}/memories/{id}", """{"text":"hijacked"}""", tenant));
        await patch.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var delete = await _client.SendAsync(Api.Request(HttpMethod.Delete, $"/api/users/{intruder}/memories/{id}", tenant: tenant));
        await delete.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var list = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{intruder}/memories?includeSuperseded=true", tenant: tenant));
        Assert.Empty((await list.ReadJsonAsync())["items"]!.AsArray());

        using var search = await _client.SendAsync(Api.Request(HttpMethod.Post, $"/api/users/{intruder}/search", """{"query":"zebras diary"}""", tenant));
        Assert.Empty((await search.ReadJsonAsync())["results"]!.AsArray());

        using var context = await _client.SendAsync(Api.Request(HttpMethod.Post, $"/api/users/{intruder}/context", """{"query":"zebras diary","sessionId":"s1"}""", tenant));
        var block = await context.ReadJsonAsync();
        Assert.DoesNotContain("zebras", (string)block["context"]!, StringComparison.Ordinal);
        Assert.Empty(block["memories"]!.AsArray());

        using var export = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{intruder}/export", tenant: tenant));
        var exportText = await export.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("zebras", exportText, StringComparison.Ordinal);

        using var erase = await _client.SendAsync(Api.Request(HttpMethod.Delete, $"/api/users/{intruder}", tenant: tenant));
        Assert.Equal(0, (int)(await erase.ReadJsonAsync())["memoriesErased"]!);

        using var ownerView = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{owner}/memories/{id}", tenant: "tenant-a"));
        Assert.Equal(Secret, (string?)(await ownerView.ReadJsonAsync())["text"]);
    }

    [Fact]
    public async Task DefaultTenant_IsSeparateFromNamedTenants()
    {
        var user = Api.NewUser();
        await _client.CreateMemoryAsync(user, """{"text":"Only in default"}""");

        using var named = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{user}/memories", tenant: "other"));
        using var explicitDefault = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{user}/memories", tenant: "default"));

        Assert.Empty((await named.ReadJsonAsync())["items"]!.AsArray());
        Assert.Single((await explicitDefault.ReadJsonAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("..x")]
    [InlineData(".hidden")]
    [InlineData("a%2Fb")]
    [InlineData("a%5Cb")]
    [InlineData("a%3Fb")]
    [InlineData("a%23b")]
    [InlineData("a%20b")]
    [InlineData("-dash")]
    public async Task AnyRoute_InvalidUserId_Returns400ForUserId(string userId)
    {
        using var list = await _client.GetAsync($"/api/users/{userId}/memories");
        using var search = await _client.PostAsync($"/api/users/{userId}/search", Api.Json("""{"query":"x"}"""));

        await list.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "userId");
        await search.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "userId");
    }

    [Fact]
    public async Task AnyRoute_UserIdLongerThan128_Returns400ForUserId()
    {
        using var response = await _client.GetAsync($"/api/users/{new string('u', 129)}/memories");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "userId");
    }

    [Theory]
    [InlineData("bad/tenant")]
    [InlineData("..")]
    [InlineData("tenant b")]
    public async Task AnyRoute_InvalidTenantHeader_Returns400ForTheHeader(string tenant)
    {
        using var response = await _client.SendAsync(Api.Request(HttpMethod.Get, $"/api/users/{Api.NewUser()}/memories", tenant: tenant));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "x-tenant-id");
    }

    [Fact]
    public async Task GetMemory_InvalidMemoryId_Returns400ForId()
    {
        using var response = await _client.GetAsync($"/api/users/{Api.NewUser()}/memories/..%2F..%2Fetc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "id");
    }
}
