namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// Docs that cannot drift: the curl examples of docs/api.md and the README walk-through, read from the Markdown itself,
/// run in page order against a live server, each answer checked against the documented status, headers and JSON. The
/// server is open, as after <c>dotnet run</c>, so <c>$KEY</c> and <c>$ADMIN_KEY</c> are sent and ignored.
/// </summary>
public sealed class DocsExamplesTests(DocsServer server) : IClassFixture<DocsServer>
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal) { ["KEY"] = "unused", ["ADMIN_KEY"] = "unused" };

    [Theory]
    [InlineData("docs/api.md")]
    [InlineData("README.md")]
    public async Task CurlExamples_AnswerAsDocumented(string page)
    {
        var markdown = await File.ReadAllTextAsync(Testing.RepositoryRoot.File(page.Split('/')));

        var failures = await new DocWalkthrough(server.Client, server.Advance, TimeSpan.FromSeconds(30)).RunAsync(page, markdown, Keys);

        Assert.True(failures.Count == 0, $"{page} differs from the server in {failures.Count} place(s):\n" + string.Join("\n", failures));
    }

    /// <summary>The check itself can fail: a page with one drift of each kind gets each one reported, and nothing else.</summary>
    [Fact]
    public async Task CurlExamples_OfADriftedPage_EveryDriftReported()
    {
        const string Page = """
            ```bash
            BASE=http://127.0.0.1:7071/api
            curl -s $BASE/health
            # 201 {"status":"healthy"}
            curl -si $BASE/users/drift/memories -H 'content-type: application/json' -d '{"text":"Likes tea"}'
            # 201 Created, Location: /api/memories/mem_…
            curl -s $BASE/users/drift/memories/mem_…
            # 200 {"text":"Likes coffee","kind":"fact","colour":"…","tags":["…"]}
            curl -s $BASE/users/drift/memories?pageSize=500
            # 200 {"items":[]}
            ```
            """;

        var failures = await new DocWalkthrough(server.Client, server.Advance, TimeSpan.Zero).RunAsync("drift.md", Page, Keys);

        Assert.Collection(
            failures.Where(failure => !failure.Contains(" answered ", StringComparison.Ordinal) || failure.Contains("$.", StringComparison.Ordinal)),
            failure => Assert.Contains("drift.md:3: status 200, documented 201", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:5: header Location: documented /api/memories/mem_…, sent /api/users/drift/memories/mem_", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:7: $.text: documented \"Likes coffee\", answered \"Likes tea\"", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:7: $.colour: documented, absent from the answer", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:7: $.tags: documented 1 element(s), answered []", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:9: status 400, documented 200", failure, StringComparison.Ordinal),
            failure => Assert.Contains("drift.md:9: $.items: documented, absent from the answer", failure, StringComparison.Ordinal));
    }
}
