using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace MemoryFunctions.Server.Tests.Mcp;

/// <summary>
/// Every MCP tool takes its tenant and user from the session's credential: another tenant, another user and a missing role
/// are tool errors naming the refusal, with scoped keys and with Entra tokens; a user-bound credential needs no userId and
/// overrides the x-user-id pin. A tool added later without an entry in <see cref="Tools"/> fails here.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class McpScopeTests : IDisposable
{
    private const string Tenant = "mcp-t1";
    private const string User = "mcp-u1";
    private const string OutOfScope = "Outside the credential's scope";
    private const string RoleMissing = "Role missing";
    private readonly TestTokenIssuer _issuer = new();
    private readonly WebApplicationFactory<Program> _factory;

    /// <summary>Each tool, the role it needs and arguments for it (a user is added per case).</summary>
    private static readonly Dictionary<string, (string Role, Dictionary<string, object?> Arguments)> Tools = new(StringComparer.Ordinal)
    {
        ["remember"] = (RouteRoles.Write, new() { ["userMessages"] = new[] { "I like tea." } }),
        ["recall"] = (RouteRoles.Read, new() { ["query"] = "tea" }),
        ["list_memories"] = (RouteRoles.Read, []),
        ["forget"] = (RouteRoles.Write, new() { ["memoryId"] = "mem_probe" }),
        ["check_operation"] = (RouteRoles.Read, new() { ["operationId"] = "op_probe" }),
    };

    public McpScopeTests(MemoryServerFixture fixture)
    {
        _factory = fixture.CreateFactory(
            [
                new TestKey("m-admin", "m-admin-key", [Tenant], null, "admin"),
                new TestKey("m-read", "m-read-key", [Tenant], null, "read"),
                new TestKey("m-u1", "m-u1-key", [Tenant], User, "write"),
                new TestKey("m-t2", "m-t2-key", ["mcp-t2"], null, "admin"),
            ],
            _issuer);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _issuer.Dispose();
    }

    [Fact]
    public async Task EveryTool_IsInTheScopeTable()
    {
        await using var mcp = await ConnectAsync("m-admin-key", null);

        Assert.Equal(Tools.Keys.Order(StringComparer.Ordinal), (await mcp.ListToolsAsync()).Select(tool => tool.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryTool_AnotherTenant_RefusedOutOfScope()
    {
        await using var byKey = await ConnectAsync("m-t2-key", null, tenant: Tenant);
        await using var byToken = await ConnectAsync(null, _issuer.Delegated("mcp-t2", User), tenant: Tenant);

        foreach (var (tool, (_, arguments)) in Tools)
        {
            Assert.Contains(OutOfScope, await McpSessions.CallErrorAsync(byKey, tool, With(arguments, "userId", User)), StringComparison.Ordinal);
            Assert.Contains(OutOfScope, await McpSessions.CallErrorAsync(byToken, tool, arguments), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryTool_UserBoundCredentialNamingAnotherUser_Refused()
    {
        await using var byKey = await ConnectAsync("m-u1-key", null);
        await using var byToken = await ConnectAsync(null, _issuer.Delegated(Tenant, User));
        await using var pinnedElsewhere = await ConnectAsync("m-u1-key", null, pinnedUser: "mcp-u2");

        foreach (var (tool, (_, arguments)) in Tools)
        {
            foreach (var session in new[] { byKey, byToken })
            {
                Assert.Contains("not the user this credential is bound to", await McpSessions.CallErrorAsync(session, tool, With(arguments, "userId", "mcp-u2")), StringComparison.Ordinal);
            }

            Assert.Contains("x-user-id", await McpSessions.CallErrorAsync(pinnedElsewhere, tool, arguments), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryTool_RoleBelowTheTools_RefusedRoleMissing()
    {
        await using var reader = await ConnectAsync("m-read-key", null);
        await using var roleless = await ConnectAsync(null, _issuer.App(Tenant));

        foreach (var (tool, (role, arguments)) in Tools)
        {
            var session = role == RouteRoles.Write ? reader : roleless;
            Assert.Contains(RoleMissing, await McpSessions.CallErrorAsync(session, tool, With(arguments, "userId", "mcp-u3")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryTool_TheRightCredential_ReachesItsOwnUserWithoutNamingIt()
    {
        await using var byKey = await ConnectAsync("m-u1-key", null);
        await using var byToken = await ConnectAsync(null, _issuer.Delegated(Tenant, User));
        await using var admin = await ConnectAsync("m-admin-key", null);

        string? operationId = null;
        foreach (var (tool, (_, arguments)) in Tools)
        {
            foreach (var (session, call) in new[] { (byKey, arguments), (byToken, With(arguments, "userId", "me")), (admin, With(arguments, "userId", "mcp-u4")) })
            {
                var (text, _) = await McpSessions.CallAsync(session, tool, call);
                Assert.DoesNotContain(OutOfScope, text, StringComparison.Ordinal);
                Assert.DoesNotContain(RoleMissing, text, StringComparison.Ordinal);
                Assert.DoesNotContain("bound to", text, StringComparison.Ordinal);
                operationId ??= tool == "remember" && session == byKey ? text.Split(' ')[2] : null;
            }
        }

        // What the user-bound key remembered went to its own user, in its own tenant, though the call named neither.
        using var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", "m-admin-key");
        using var operation = await http.GetAsync($"/api/users/{User}/operations/{operationId}");
        Assert.Equal(System.Net.HttpStatusCode.OK, operation.StatusCode);
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> arguments, string name, object? value) =>
        new(arguments) { [name] = value };

    private Task<McpClient> ConnectAsync(string? key, string? bearer, string? tenant = null, string? pinnedUser = null)
    {
        var headers = new Dictionary<string, string>();
        if (key is not null)
        {
            headers["x-functions-key"] = key;
        }

        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }

        if (tenant is not null)
        {
            headers["x-tenant-id"] = tenant;
        }

        if (pinnedUser is not null)
        {
            headers["x-user-id"] = pinnedUser;
        }

        return McpSessions.ConnectAsync(_factory, headers);
    }
}
