using System.Net;
using System.Net.Http.Json;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests;

/// <summary>Body limits through real Kestrel (TestServer has no request size limit of its own).</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class KestrelLimitTests(MemoryServerFixture fixture)
{
    [Fact]
    public void StartKestrel_ListensOnAFreeLoopbackPort_NotTheConfiguredDefault()
    {
        // appsettings.json says 7071, where a developer's own server runs while the tests do.
        using var factory = fixture.StartKestrel();
        using var client = factory.CreateClient();

        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        Assert.NotEqual(7071, client.BaseAddress.Port);
        Assert.NotEqual(0, client.BaseAddress.Port);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimitOnKestrel_Returns413Problem()
    {
        using var factory = fixture.StartKestrel(new Dictionary<string, string?> { ["Memory:Http:MaxRequestBodyBytes"] = "2048" });
        using var client = factory.CreateClient();
        // JsonContent has no precomputed length, so it goes out chunked and only counting while reading can catch it.
        using var content = JsonContent.Create(new { query = new string('q', 64 * 1024) });

        using var response = await client.PostAsync($"/api/users/{Api.NewUser()}/search", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Post_DeclaredBodyOverLimitOnKestrel_Returns413Problem()
    {
        using var factory = fixture.StartKestrel(new Dictionary<string, string?> { ["Memory:Http:MaxRequestBodyBytes"] = "2048" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync($"/api/users/{Api.NewUser()}/memories", Api.Json("{\"text\":\"" + new string('a', 4096) + "\"}"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }
}
