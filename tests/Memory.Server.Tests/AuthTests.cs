using System.Net;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class AuthTests(MemoryServerFixture fixture) : IDisposable
{
    private const string Key = "k3y-for-tests-0123456789";

    private readonly WebApplicationFactory<Program> _factory = fixture.CreateFactory(TestKeys.Unscoped("another-key", Key));

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("GET", "/api/users/u1/memories")]
    [InlineData("GET", "/api/users/u1/memories/mem_x")]
    [InlineData("GET", "/api/users/u1/memories/mem_x/history")]
    [InlineData("PATCH", "/api/users/u1/memories/mem_x")]
    [InlineData("DELETE", "/api/users/u1/memories/mem_x")]
    [InlineData("POST", "/api/users/u1/memories")]
    [InlineData("POST", "/api/users/u1/search")]
    [InlineData("POST", "/api/users/u1/context")]
    [InlineData("GET", "/api/users/u1/export")]
    [InlineData("DELETE", "/api/users/u1")]
    public async Task AnyRoute_KeysConfiguredAndNoKey_Returns401Problem(string method, string url)
    {
        using var client = _factory.CreateClient();
        using var request = Api.Request(new HttpMethod(method), url, method is "POST" or "PATCH" ? """{"text":"x","query":"x"}""" : null);

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("x-functions-key", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WrongKey_Returns401Problem()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", Key + "x");

        using var response = await client.GetAsync("/api/users/u1/memories");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task List_KeyInHeader_Returns200()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", Key);

        using var response = await client.GetAsync($"/api/users/{Api.NewUser()}/memories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_KeyInCodeQuery_Returns201()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync($"/api/users/{Api.NewUser()}/memories?code={Key}", Api.Json("""{"text":"Keyed write"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Health_KeysConfiguredAndNoKey_Returns200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_NoKeysConfigured_IsOpen()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/users/{Api.NewUser()}/memories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
