using MemoryFunctions.Functions.Hosting;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// Issue 25, symptom 1, on the Functions host: a local Core Tools run (AllowOpen) listens on loopback like the server, so
/// the worker refuses a foreign <c>Origin</c> before any trigger runs, with the server's 403 <c>foreign-origin</c>.
/// </summary>
public sealed class ForeignOriginWorkerTests
{
    /// <summary>Where the worker's ASP.NET Core integration puts the request (<c>FunctionContext.GetHttpContext()</c>).</summary>
    private const string HttpContextItem = "HttpRequestContext";

    [Theory]
    [InlineData("http://rebind.attacker.example:7071")]
    [InlineData("null")]
    [InlineData("https://127.0.0.1.attacker.example")]
    public async Task ForeignOrigin_Refused403BeforeTheTrigger(string origin)
    {
        var (status, body, triggerRan) = await InvokeAsync(origin);

        Assert.Equal((403, false), (status, triggerRan));
        Assert.Contains("urn:memoryfunctions:problem:foreign-origin", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:6274")]
    [InlineData("http://[::1]:8080")]
    public async Task NoOriginOrALocalPage_ReachesTheTrigger(string? origin)
    {
        var (_, _, triggerRan) = await InvokeAsync(origin);

        Assert.True(triggerRan);
    }

    [Fact]
    public async Task ConfiguredOrigin_ReachesTheTrigger()
    {
        var (_, _, triggerRan) = await InvokeAsync("https://app.example.com", "https://app.example.com");

        Assert.True(triggerRan);
    }

    private static async Task<(int Status, string Body, bool TriggerRan)> InvokeAsync(string? origin, params string[] allowedOrigins)
    {
        var options = new MemoryHttpOptions();
        foreach (var allowed in allowedOrigins)
        {
            options.AllowedOrigins.Add(allowed);
        }

        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = TriggerRequests.Create(services, "GET");
        if (origin is not null)
        {
            http.Request.Headers.Origin = origin;
        }

        var function = new ActivityFunctionContext(services, "origin-check");
        function.Items[HttpContextItem] = http;
        var triggerRan = false;

        await new ForeignOriginWorkerMiddleware(Options.Create(options)).Invoke(function, _ =>
        {
            triggerRan = true;
            return Task.CompletedTask;
        });

        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body);
        return (http.Response.StatusCode, await reader.ReadToEndAsync(), triggerRan);
    }
}
