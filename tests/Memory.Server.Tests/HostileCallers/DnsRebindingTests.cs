using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptom 1, on real Kestrel with raw sockets: a web page at <c>rebind.attacker.example</c> whose name now points
/// at 127.0.0.1 names its own host and origin. Open (the default), only loopback host names are served, and a foreign
/// <c>Origin</c> is refused on every route and on MCP; both are configurable for a deployment behind a proxy.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class DnsRebindingTests(MemoryServerFixture fixture)
{
    private const string Attacker = "rebind.attacker.example";

    /// <summary>What the attack of the hostile review reached: export, a write, erase and an MCP tool call.</summary>
    private static IEnumerable<(string Method, string Target, string? Body)> Routes(string user) =>
    [
        ("GET", $"/api/users/{user}/export", null),
        ("POST", $"/api/users/{user}/memories", """{"text":"Planted by a web page"}"""),
        ("DELETE", $"/api/users/{user}", null),
        ("POST", "/api/mcp", $$$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_memories","arguments":{"userId":"{{{{user}}}}"}}}"""),
        ("GET", "/api/health", null),
    ];

    private WebApplicationFactory<Program> StartKestrel(Dictionary<string, string?>? settings = null)
    {
        var factory = fixture.StartKestrel(settings);
        return factory;
    }

    [Fact]
    public async Task OpenServer_ForeignHostName_Refused400OnEveryRoute_DataUntouched()
    {
        using var factory = StartKestrel();
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        await client.CreateMemoryAsync(user, """{"text":"Private to the user"}""");

        foreach (var (method, target, body) in Routes(user))
        {
            var (status, response) = await RawHttp.SendAsync(client.BaseAddress!, method, target, $"{Attacker}:{client.BaseAddress!.Port}", $"http://{Attacker}:{client.BaseAddress!.Port}", body);

            Assert.True(status == 400, $"{method} {target}: {status} {response}");
            Assert.DoesNotContain("Private to the user", response, StringComparison.Ordinal);
        }

        Assert.Single((await (await client.GetAsync($"/api/users/{user}/memories")).ReadJsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task LoopbackHostWithForeignOrigin_Refused403ForeignOriginOnEveryRoute()
    {
        using var factory = StartKestrel();
        using var client = factory.CreateClient();
        var user = Api.NewUser();
        await client.CreateMemoryAsync(user, """{"text":"Private to the user"}""");

        foreach (var origin in new[] { $"http://{Attacker}:{client.BaseAddress!.Port}", "null", "https://127.0.0.1.attacker.example" })
        {
            foreach (var (method, target, body) in Routes(user))
            {
                var (status, response) = await RawHttp.SendAsync(client.BaseAddress!, method, target, client.BaseAddress!.Authority, origin, body);

                Assert.True(status == 403, $"{method} {target} from {origin}: {status} {response}");
                Assert.Contains("urn:memoryfunctions:problem:foreign-origin", response, StringComparison.Ordinal);
            }
        }

        Assert.Single((await (await client.GetAsync($"/api/users/{user}/memories")).ReadJsonAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:6274")]
    [InlineData("http://127.0.0.1:5173")]
    [InlineData("http://[::1]:8080")]
    public async Task LoopbackHostAndOrigin_Served(string? origin)
    {
        using var factory = StartKestrel();
        using var client = factory.CreateClient();
        var user = Api.NewUser();

        foreach (var host in new[] { client.BaseAddress!.Authority, $"localhost:{client.BaseAddress.Port}" })
        {
            var (status, response) = await RawHttp.SendAsync(client.BaseAddress!, "POST", $"/api/users/{user}/memories", host, origin, """{"text":"Written by a local page"}""");

            Assert.True(status is 200 or 201, $"{host} from {origin}: {status} {response}");
        }
    }

    [Fact]
    public async Task BehindAProxy_ConfiguredHostAndOrigin_Served()
    {
        using var factory = StartKestrel(new()
        {
            ["AllowedHosts"] = "memory.example.com",
            ["Memory:Http:AllowedOrigins:0"] = "https://app.example.com",
        });
        using var client = factory.CreateClient();
        var target = $"/api/users/{Api.NewUser()}/memories";

        var (served, response) = await RawHttp.SendAsync(client.BaseAddress!, "GET", target, "memory.example.com", "https://app.example.com");
        var (otherOrigin, _) = await RawHttp.SendAsync(client.BaseAddress!, "GET", target, "memory.example.com", "https://evil.example.com");
        var (otherHost, _) = await RawHttp.SendAsync(client.BaseAddress!, "GET", target, Attacker, "https://app.example.com");

        Assert.True(served == 200, response);
        Assert.Equal((403, 400), (otherOrigin, otherHost));
    }
}
