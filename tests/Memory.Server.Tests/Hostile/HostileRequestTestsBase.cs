using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// Every case of <see cref="HostileCorpus"/>: a 4xx problem+json (never a 5xx, never a hang) or, for free-text filter
/// values, a literal match of nothing; and afterwards the seeded user and the whole store are exactly as before.
/// </summary>
public abstract class HostileRequestTestsBase(HostileServerFixture fixture)
{
    public static TheoryData<string> Cases => [.. HostileCorpus.All.Select(c => c.Name)];

    [Fact]
    public void Corpus_Names_AreUniqueAndCoverEveryRoute()
    {
        Assert.Equal(HostileCorpus.All.Count, HostileCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.True(HostileCorpus.All.Count > 300, $"{HostileCorpus.All.Count} cases");

        // Every data route the app maps (a route added later fails here until the corpus covers it).
        var covered = HostileCorpus.All
            .Select(c => $"{c.Method} {c.Url.Split('?')[0].Replace("{user}", "{userId}", StringComparison.Ordinal).Replace("{op}", "{operationId}", StringComparison.Ordinal)}")
            .ToHashSet(StringComparer.Ordinal);
        var mapped = MappedRoutes.Of(fixture.Server.Factory.Services)
            .Select(route => $"{route.Method} {route.Pattern}")
            .Where(route => !route.EndsWith("/api/health", StringComparison.Ordinal) && !route.Contains("/openapi/", StringComparison.Ordinal))

            // The MCP endpoint speaks JSON-RPC, not problem+json; its tools run the REST handlers (McpServerTests).
            .Where(route => !route.EndsWith("/api/mcp", StringComparison.Ordinal))

            // The inspector serves three embedded files and reads no store (InspectorPageTests probe its file names).
            .Where(route => !InspectorPageTests.IsInspectorRoute(route));
        var uncovered = mapped.Where(route => !covered.Contains(route)).ToList();
        Assert.True(uncovered.Count == 0, "Routes without hostile cases: " + string.Join(", ", uncovered));
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(HostileRequestTestsBase))]
    public async Task HostileRequest_Any_Refused4xxProblemAndStoreUnchanged(string name)
    {
        var hostile = HostileCorpus.Find(name);
        var before = await fixture.SnapshotAsync();

        using var request = Build(hostile);
        using var response = await fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var status = (int)response.StatusCode;
        if (hostile.Expect == HostileExpectation.LiteralNoMatch)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{status}: {body}");
            var answer = JsonNode.Parse(body)!;
            Assert.Empty((answer["items"] ?? answer["results"] ?? answer["memories"])!.AsArray());
        }
        else
        {
            Assert.True(status is >= 400 and < 500, $"Expected a 4xx, got {status}: {body[..Math.Min(body.Length, 2000)]}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!;
            Assert.StartsWith("urn:memoryfunctions:problem:", (string?)problem["type"], StringComparison.Ordinal);
            Assert.Equal(status, (int?)problem["status"]);
        }

        var after = await fixture.SnapshotAsync();
        Assert.Equal(before.Export, after.Export);
        Assert.Equal(before.List, after.List);
        Assert.True(before.LogBytes == after.LogBytes, $"The store's log grew by {after.LogBytes - before.LogBytes} bytes: something was written.");
    }

    private HttpRequestMessage Build(HostileCase hostile)
    {
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), fixture.Expand(hostile.Url));
        if (hostile.Body is { } body)
        {
            var expanded = System.Text.Encoding.UTF8.GetString(body).Contains("{user}", StringComparison.Ordinal)
                ? System.Text.Encoding.UTF8.GetBytes(fixture.Expand(System.Text.Encoding.UTF8.GetString(body)))
                : body;
            HttpContent content = hostile.Chunked ? new StreamContent(new NonSeekableStream(expanded)) : new ByteArrayContent(expanded);
            if (hostile.ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }

            request.Content = content;
        }

        foreach (var (header, value) in hostile.Headers ?? [])
        {
            Assert.True(request.Headers.TryAddWithoutValidation(header, value), $"could not send header {header}");
        }

        return request;
    }
}
