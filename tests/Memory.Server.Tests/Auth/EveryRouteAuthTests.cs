using System.Net;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>
/// Every route the app maps (read from its endpoint data source, so a route added later is covered, and must be given a
/// role in <see cref="RouteRoles"/>) against scoped keys and Entra tokens signed by a key made here: no or a wrong
/// credential is 401; another tenant, another user and a missing role are 403 with their types; the right ones pass.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class EveryRouteAuthTests : IDisposable
{
    private const string Tenant = "t1";
    private const string User = "u1";
    private readonly TestTokenIssuer _issuer = new();
    private readonly WebApplicationFactory<Program> _factory;

    public EveryRouteAuthTests(MemoryServerFixture fixture)
    {
        _factory = fixture.CreateFactory(
            [
                new TestKey("t1-admin", "t1-admin-key", [Tenant], null, "admin"),
                new TestKey("t1-write", "t1-write-key", [Tenant], null, "write"),
                new TestKey("t1-read", "t1-read-key", [Tenant], null, "read"),
                new TestKey("t1-u1", "t1-u1-key", [Tenant], User, "write"),
                new TestKey("t2-admin", "t2-admin-key", ["t2"], null, "admin"),
            ],
            _issuer);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _issuer.Dispose();
    }

    [Fact]
    public void EveryMappedRoute_HasARole()
    {
        var mapped = Routes().Select(route => route.Name).ToList();
        Assert.True(mapped.Count >= 18, $"Only {mapped.Count} routes found: {string.Join(", ", mapped)}");
        var unknown = mapped.Where(name => !RouteRoles.ByName.ContainsKey(name)).ToList();
        Assert.True(unknown.Count == 0, "Routes without a role in RouteRoles (decide it, and make the handler go through RequestScope): " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task EveryMappedRoute_NoOrWrongCredential_401UnlessAnonymous()
    {
        using var client = _factory.CreateClient();
        foreach (var (name, method, pattern, role) in Routes())
        {
            foreach (var (key, bearer) in new[] { ((string?)null, (string?)null), ("wrong-key", null), (null, "not.a.token"), (null, _issuer.Issue(Tenant, User, ["Memory.Admin"], null, signWithStranger: true)) })
            {
                using var request = RouteProbe.Build(method, pattern, Tenant, User, key, bearer);
                using var response = await client.SendAsync(request);
                if (role == RouteRoles.Anonymous)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
                }
                else
                {
                    await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
                }
            }
        }
    }

    [Fact]
    public async Task EveryPartitionRoute_AnotherTenant_403OutOfScope()
    {
        using var client = _factory.CreateClient();
        foreach (var (name, method, pattern, _) in PartitionRoutes())
        {
            // A t2 credential naming t1, and t1 credentials naming t2 (an Entra token's tenant is its tid).
            foreach (var (tenant, key, bearer) in new[]
            {
                (Tenant, "t2-admin-key", (string?)null),
                ("t2", "t1-admin-key", null),
                ("t2", null, _issuer.App(Tenant, "Memory.Admin")),
                ("t2", null, _issuer.Delegated(Tenant, User)),
            })
            {
                using var request = RouteProbe.Build(method, pattern, tenant, User, key, bearer);
                using var response = await client.SendAsync(request);
                await AssertRefusedAsync(response, name, "out-of-scope");
            }
        }
    }

    [Fact]
    public async Task EveryPartitionRoute_AnotherUser_403OutOfScope()
    {
        using var client = _factory.CreateClient();
        foreach (var (name, method, pattern, _) in PartitionRoutes())
        {
            foreach (var (key, bearer) in new[] { ("t1-u1-key", (string?)null), (null, _issuer.Delegated(Tenant, User)) })
            {
                using var request = RouteProbe.Build(method, pattern, Tenant, "u2", key, bearer);
                using var response = await client.SendAsync(request);
                await AssertRefusedAsync(response, name, "out-of-scope");
            }
        }
    }

    [Fact]
    public async Task EveryRoleCheckedRoute_RoleBelowTheRoutes_403MissingRole()
    {
        using var client = _factory.CreateClient();
        foreach (var (name, method, pattern, role) in Routes().Where(route => route.Role is RouteRoles.Read or RouteRoles.Write or RouteRoles.Admin))
        {
            var (key, bearer) = role switch
            {
                RouteRoles.Admin => ("t1-write-key", (string?)null),
                RouteRoles.Write => ("t1-read-key", null),
                _ => ((string?)null, _issuer.App(Tenant)),
            };
            using var request = RouteProbe.Build(method, pattern, Tenant, "u2", key, bearer);
            using var response = await client.SendAsync(request);
            await AssertRefusedAsync(response, name, "missing-role");
        }
    }

    [Fact]
    public async Task EveryRoute_TheRightCredential_Passes()
    {
        using var client = _factory.CreateClient();
        foreach (var (name, method, pattern, role) in Routes())
        {
            foreach (var (user, key, bearer) in new[]
            {
                ("u3", "t1-admin-key", (string?)null),
                ("u3", null, _issuer.App(Tenant, "Memory.Admin")),
                (User, "t1-u1-key", null),
                (User, null, _issuer.Delegated(Tenant, User)),
            }.Where(credential => credential.Item1 != User || !RouteRoles.IsTenantWide(name)))
            {
                using var request = RouteProbe.Build(method, pattern, Tenant, user, key, bearer);
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                Assert.True(status is not (401 or 403) and < 500, $"{name} as {key ?? "token"} for {user}: {status} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Fact]
    public async Task MeAlias_DelegatedTokenAndUserBoundKey_ReachTheirOwnUser()
    {
        using var client = _factory.CreateClient();
        foreach (var (key, bearer, user) in new[] { ("t1-u1-key", (string?)null, User), (null, _issuer.Delegated(Tenant, "oid-7"), "oid-7") })
        {
            using var create = RouteProbe.Build("POST", "/api/users/{userId}/memories", Tenant, "me", key, bearer);
            create.Content = Api.Json("""{"text":"I own this one"}""");
            using var created = await client.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var list = RouteProbe.Build("GET", "/api/users/{userId}/memories", Tenant, user, key, bearer);
            using var listed = await client.SendAsync(list);
            Assert.Contains("I own this one", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string name, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: expected 403 {type}, got {(int)response.StatusCode} {body}");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, type);
    }

    private List<(string Name, string Method, string Pattern, string Role)> Routes() =>
        [.. MappedRoutes.Named(_factory.Services).Select(route => (route.Name, route.Method, route.Pattern, RouteRoles.ByName.GetValueOrDefault(route.Name, "unknown")))];

    /// <summary>Routes that name a tenant and user (MCP tools are covered in McpScopeTests).</summary>
    private List<(string Name, string Method, string Pattern, string Role)> PartitionRoutes() =>
        [.. Routes().Where(route => RouteRoles.NamesAPartition(route.Name, route.Role))];
}
