using System.Net;
using System.Text.RegularExpressions;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests.Auth;

/// <summary>
/// With keys configured, every route the app maps (read from its endpoint data source, so a route added
/// later is covered without touching this test) refuses a missing or wrong key, except the two that hold no data.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed partial class EveryRouteAuthTests(MemoryServerFixture fixture) : IDisposable
{
    private const string Key = "route-key-0c61f2a9d4";

    /// <summary>Health touches no store; the OpenAPI document describes the API and holds no data.</summary>
    private static readonly string[] Anonymous = ["GET /api/health", "GET /openapi/{documentName}.json"];

    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.Ordinal)
    {
        ["userId"] = "u1",
        ["id"] = "mem_x",
        ["operationId"] = "op_x",
        ["documentName"] = "v1",
    };

    private readonly WebApplicationFactory<Program> _factory = fixture.CreateFactory(new Dictionary<string, string?> { ["Memory:Auth:ApiKeys:0"] = Key });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task EveryMappedRoute_KeysConfiguredAndNoOrWrongKey_Returns401ProblemUnlessAnonymous()
    {
        using var client = _factory.CreateClient();
        var routes = MappedRoutes();
        Assert.True(routes.Count >= 16, $"Only {routes.Count} routes found: {string.Join(", ", routes)}");
        Assert.Equal(Anonymous.Order(StringComparer.Ordinal), routes.Where(r => Anonymous.Contains(r.Name)).Select(r => r.Name).Order(StringComparer.Ordinal));

        foreach (var (name, method, url) in routes)
        {
            foreach (var (header, query) in new[] { ((string?)null, ""), ("wrong-" + Key, ""), (null, "?code=wrong"), (Key + "x", "?code=" + Key) })
            {
                using var request = Api.Request(new HttpMethod(method), url + query, method is "POST" or "PATCH" ? """{"text":"x","query":"x"}""" : null);
                if (header is not null)
                {
                    request.Headers.Add("x-functions-key", header);
                }

                using var response = await client.SendAsync(request);
                if (Anonymous.Contains(name))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
                }
                else
                {
                    // The header wins over ?code=, as with Azure Functions: a wrong header is refused even with a right code.
                    var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
                    Assert.DoesNotContain(Key, problem.ToJsonString(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task OpenApiDocument_NoKey_ServedAndHoldsNoData()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        var marker = "openapi-probe-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateMemoryAsync(Api.NewUser(), $$"""{"text":"{{marker}}"}""");
        using var anonymous = _factory.CreateClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"paths\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, document, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, document, StringComparison.Ordinal);
    }

    private List<(string Name, string Method, string Url)> MappedRoutes() =>
        [.. Support.MappedRoutes.Of(_factory.Services).Select(route => ($"{route.Method} {route.Pattern}", route.Method, Fill(route.Pattern)))];

    private static string Fill(string pattern) => Parameter().Replace(pattern, match => RouteValues[match.Groups[1].Value]);

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
