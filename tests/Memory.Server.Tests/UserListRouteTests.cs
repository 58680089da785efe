using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;

namespace MemoryFunctions.Server.Tests;

/// <summary>
/// <c>GET /api/users</c>: the tenant's users for a credential that reaches the whole tenant with the read role, in user-id
/// order, a page at a time; never another tenant's users, and nothing at all for a credential bound to one user.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class UserListRouteTests(MemoryServerFixture fixture)
{
    private const string WriterKey = "users-writer-key-71a3";
    private const string ReaderKey = "users-reader-key-0c5e";
    private const string SelfAdminKey = "users-self-key-93d1";
    private const string OtherKey = "users-other-key-4f62";
    private const string BothKey = "users-both-key-e2b7";

    [Fact]
    public async Task ListUsers_ReadKeyOfTheTenant_ItsUsersInOrderPageByPage()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        using var factory = fixture.CreateFactory(Keys(tenant, other));
        using var client = factory.CreateClient();
        string[] users = ["carol", "alice", "bob"];
        foreach (var user in users)
        {
            await CreateAsync(client, user, tenant);
        }

        await CreateAsync(client, "mallory", other);

        var (status, body) = await GetAsync(client, "/api/users", tenant, ReaderKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["alice", "bob", "carol"], Ids(body));
        Assert.Null(body["nextCursor"]);

        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var (pageStatus, page) = await GetAsync(client, "/api/users?pageSize=1" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), tenant, ReaderKey);
            Assert.Equal(HttpStatusCode.OK, pageStatus);
            seen.AddRange(Ids(page));
            cursor = (string?)page["nextCursor"];
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(["alice", "bob", "carol"], seen);
    }

    [Fact]
    public async Task ListUsers_ErasedUser_NoLongerListed()
    {
        var tenant = NewTenant();
        using var factory = fixture.CreateFactory(Keys(tenant, NewTenant()));
        using var client = factory.CreateClient();
        await CreateAsync(client, "stays", tenant);
        await CreateAsync(client, "leaves", tenant);
        using (var erase = Api.Request(HttpMethod.Delete, "/api/users/leaves", tenant: tenant))
        {
            erase.Headers.Add("x-functions-key", BothKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(erase)).StatusCode);
        }

        Assert.Equal(["stays"], Ids((await GetAsync(client, "/api/users", tenant, ReaderKey)).Body));
    }

    [Fact]
    public async Task ListUsers_HostileCallers_RefusedWithoutLearningAnyId()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        using var factory = fixture.CreateFactory(Keys(tenant, other));
        using var client = factory.CreateClient();
        await CreateAsync(client, "secret-user", tenant);
        await CreateAsync(client, "self-user", tenant);

        // A key bound to one user, even with the admin role, must not learn who else exists; nor a key of another tenant.
        foreach (var (key, status) in new[] { (SelfAdminKey, HttpStatusCode.Forbidden), (OtherKey, HttpStatusCode.Forbidden), ((string?)null, HttpStatusCode.Unauthorized) })
        {
            using var request = Api.Request(HttpMethod.Get, "/api/users", tenant: tenant);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(status, response.StatusCode);
            Assert.DoesNotContain("secret-user", text, StringComparison.Ordinal);
        }

        using (var bound = Api.Request(HttpMethod.Get, "/api/users", tenant: tenant))
        {
            bound.Headers.Add("x-functions-key", SelfAdminKey);
            await (await client.SendAsync(bound)).AssertProblemAsync(HttpStatusCode.Forbidden, "out-of-scope");
        }

        // Another tenant's own listing holds nothing of this one's.
        Assert.Empty(Ids((await GetAsync(client, "/api/users", other, OtherKey)).Body));
    }

    [Fact]
    public async Task ListUsers_CursorOfAnotherTenantOrForged_400NamingTheCursor()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        using var factory = fixture.CreateFactory(Keys(tenant, other));
        using var client = factory.CreateClient();
        await CreateAsync(client, "a1", tenant);
        await CreateAsync(client, "a2", tenant);
        var cursor = (string)(await GetAsync(client, "/api/users?pageSize=1", tenant, BothKey)).Body["nextCursor"]!;

        foreach (var (path, headerTenant) in new[] { ($"/api/users?cursor={Uri.EscapeDataString(cursor)}", other), ("/api/users?cursor=not-a-cursor", tenant) })
        {
            using var request = Api.Request(HttpMethod.Get, path, tenant: headerTenant);
            request.Headers.Add("x-functions-key", BothKey);
            await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "cursor");
        }

        foreach (var size in new[] { "0", "-1", "x", "100000" })
        {
            using var request = Api.Request(HttpMethod.Get, $"/api/users?pageSize={size}", tenant: tenant);
            request.Headers.Add("x-functions-key", ReaderKey);
            await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "pageSize");
        }
    }

    private static string NewTenant() => "ul-" + Guid.NewGuid().ToString("N")[..10];

    private static Dictionary<string, string?> Keys(string tenant, string other) => TestKeys.Settings(
    [
        new TestKey("writer", WriterKey, [tenant, other], null, "write"),
        new TestKey("reader", ReaderKey, [tenant], null, "read"),
        new TestKey("self", SelfAdminKey, [tenant], "self-user", "admin"),
        new TestKey("other", OtherKey, [other], null, "admin"),
        new TestKey("both", BothKey, [tenant, other], null, "admin"),
    ]);

    private static async Task CreateAsync(HttpClient client, string user, string tenant)
    {
        using var request = Api.Request(HttpMethod.Post, $"/api/users/{user}/memories", """{"text":"likes tea"}""", tenant);
        request.Headers.Add("x-functions-key", WriterKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient client, string path, string tenant, string key)
    {
        using var request = Api.Request(HttpMethod.Get, path, tenant: tenant);
        request.Headers.Add("x-functions-key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    private static List<string> Ids(JsonNode body) => [.. body["items"]!.AsArray().Select(item => (string)item!["userId"]!)];
}
