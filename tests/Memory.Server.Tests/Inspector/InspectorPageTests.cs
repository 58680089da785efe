using System.Net;
using MemoryFunctions.Server.Inspector;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests;

/// <summary>
/// The inspector's files as HTTP serves them: where they are, the headers that keep untrusted memory text inert, and
/// nothing else reachable through the file name. The page's behaviour in a browser is InspectorBrowserTests'.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class InspectorPageTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>For route-enumerating tests: the inspector's routes, as <c>METHOD /pattern</c>.</summary>
    public static bool IsInspectorRoute(string route) => route is "GET /" || route.StartsWith("GET /inspector/", StringComparison.Ordinal);

    [Theory]
    [InlineData("/")]
    [InlineData("/inspector")]
    public async Task Get_RootOrBareInspector_RedirectsToThePage(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(InspectorEndpoints.Path, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("", "text/html")]
    [InlineData("inspector.js", "text/javascript")]
    [InlineData("inspector.css", "text/css")]
    public async Task Get_EachFile_ServedWithAStrictContentSecurityPolicy(string file, string mediaType)
    {
        using var response = await _client.GetAsync(InspectorEndpoints.Path + file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Script_NeverParsesServerTextAsMarkup()
    {
        var script = await _client.GetStringAsync(InspectorEndpoints.Path + "inspector.js");

        // Memory text is untrusted: the page writes it with textContent only (InspectorBrowserTests checks the DOM).
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("..%2Fappsettings.json")]
    [InlineData("%2E%2E%2F%2E%2E%2FMemory.Server.dll")]
    [InlineData("Memory.Server.dll")]
    [InlineData("inspector.JS")]
    [InlineData("assets%2Finspector.js")]
    public async Task Get_AnyOtherName_NotFound(string file)
    {
        using var response = await _client.GetAsync(InspectorEndpoints.Path + file);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
