using System.Net;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Tests;

[Collection(MemoryServerDefinition.Name)]
public sealed class HostTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Health_Anonymous_ReturnsHealthy()
    {
        using var response = await _client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (string?)(await response.ReadJsonAsync())["status"]);
    }

    [Fact]
    public void Kestrel_BodyLimit_FollowsMemoryHttpOptions()
    {
        using var factory = fixture.CreateFactory(new Dictionary<string, string?> { ["Memory:Http:MaxRequestBodyBytes"] = "4096" });

        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(4096, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await _client.GetAsync("/api/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await _client.PutAsync($"/api/users/{Api.NewUser()}/search", Api.Json("{}"));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task StoreFault_Returns500ProblemWithoutInternals()
    {
        var user = Api.NewUser();
        var failingStore = new InMemoryMemoryStore { OnWrite = _ => throw new InvalidOperationException("disk on fire at /var/secret") };
        using var client = fixture.CreateFactory(replace: services => services.AddSingleton<IMemoryStore>(failingStore)).CreateClient();

        using var response = await client.PostAsync($"/api/users/{user}/memories", Api.Json("""{"text":"Will fail"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal");
        Assert.DoesNotContain("secret", problem.ToJsonString(), StringComparison.Ordinal);
    }
}
