using System.Net;
using System.Text;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Server;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MemoryFunctions.Server.Tests.Import;

/// <summary><c>POST /api/users/{userId}/imports</c>: bad lines by number, re-runs, resuming, limits, and an erase while it runs.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class ImportRouteTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Import_BadLinesAmongGoodOnes_ReportsEachByNumberAndKeepsEveryGoodLine()
    {
        var user = Api.NewUser();
        var tooLong = $$"""{"text":"{{new string('x', 300 * 1024)}}"}""";
        string[] lines =
        [
            ImportLines.Memory(1),
            """{"text": "unterminated""",
            """{"text":"Has a colour","colour":"red"}""",
            "",
            ImportLines.Memory(2),
            """{"kind":"fact"}""",
            tooLong,
            """{"text":"Likes tea","importance":7}""",
            "\uFEFF not json",
            ImportLines.Memory(3) + "\r",
        ];

        using var response = await _client.PostAsync($"/api/users/{user}/imports", ImportLines.Ndjson(string.Join('\n', lines)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ImportLines.FinalAsync(response);
        Assert.Equal("completed", (string?)report["type"]);
        Assert.Equal(10, (long)report["linesRead"]!);
        Assert.Equal(10, (long)report["committedThroughLine"]!);
        Assert.Equal(3, (long)report["imported"]!);
        Assert.Equal(6, (long)report["failed"]!);
        var errors = report["errors"]!.AsArray();
        Assert.Equal([2L, 3, 6, 7, 8, 9], errors.Select(error => (long)error!["line"]!));
        Assert.Equal("urn:memoryfunctions:problem:malformed-json", (string?)errors[0]!["type"]);
        Assert.True(errors[1]!["errors"]!.AsObject().ContainsKey("colour"));
        Assert.True(errors[2]!["errors"]!.AsObject().ContainsKey("text"));
        Assert.Equal("urn:memoryfunctions:problem:payload-too-large", (string?)errors[3]!["type"]);
        Assert.True(errors[4]!["errors"]!.AsObject().ContainsKey("importance"));
        Assert.Equal(0, (long)report["errorsOmitted"]!);
        var texts = await new MemoryServerClient(_client).ListMemoryTextsAsync(user);
        Assert.Equal(3, texts.Count);
        Assert.Contains("Imported fact number 3 about the garden", texts);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondRunFindsEveryLineAndWritesNothing()
    {
        var user = Api.NewUser();
        var file = ImportLines.File(700);

        using var first = await _client.PostAsync($"/api/users/{user}/imports", ImportLines.Ndjson(file));
        using var second = await _client.PostAsync($"/api/users/{user}/imports", ImportLines.Ndjson(file));

        var firstReport = await ImportLines.FinalAsync(first);
        Assert.Equal(700, (long)firstReport["imported"]!);
        var secondReport = await ImportLines.FinalAsync(second);
        Assert.Equal("completed", (string?)secondReport["type"]);
        Assert.Equal(0, (long)secondReport["imported"]!);
        Assert.Equal(700, (long)secondReport["existing"]!);
        var memories = await new MemoryServerClient(_client).ExportMemoriesAsync(user);
        Assert.Equal(700, memories.Count);
        Assert.Equal(700, memories.Select(memory => memory.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Import_AfterLine_SkipsTheLinesAlreadySettled()
    {
        var user = Api.NewUser();

        using var response = await _client.PostAsync($"/api/users/{user}/imports?afterLine=300", ImportLines.Ndjson(ImportLines.File(400)));

        var report = await ImportLines.FinalAsync(response);
        Assert.Equal(100, (long)report["imported"]!);
        Assert.Equal(400, (long)report["committedThroughLine"]!);
        var texts = await new MemoryServerClient(_client).ListMemoryTextsAsync(user);
        Assert.Equal(Enumerable.Range(301, 100).Select(i => $"Imported fact number {i} about the garden").Order(), texts.Order());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Import_NotNdjsonNorJson_IsRefusedBeforeAnythingIsRead(string contentType)
    {
        using var content = new StringContent(ImportLines.Memory(1), Encoding.UTF8, contentType);

        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/imports", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Import_JsonBody_IsAOneLineImport()
    {
        var user = Api.NewUser();

        using var response = await _client.PostAsync($"/api/users/{user}/imports", Api.Json(ImportLines.Memory(1)));

        var report = await ImportLines.FinalAsync(response);
        Assert.Equal(("completed", 1L), ((string?)report["type"], (long)report["imported"]!));
    }

    [Fact]
    public async Task Import_BadAfterLine_Is400NamingIt()
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/imports?afterLine=-1", ImportLines.Ndjson(ImportLines.File(1)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "afterLine");
    }

    [Fact]
    public async Task Import_BodyOverItsLimit_StopsThereKeepingWhatCameBefore()
    {
        using var factory = fixture.StartKestrel(new Dictionary<string, string?> { ["Memory:Http:MaxImportBytes"] = "100000" });
        using var client = OverSockets(factory);
        var user = Api.NewUser();

        using var response = await client.PostAsync($"/api/users/{user}/imports", new ChunkedNdjson(ImportLines.File(3000)));

        var report = await ImportLines.FinalAsync(response);
        Assert.Equal("stopped", (string?)report["type"]);
        Assert.Equal("urn:memoryfunctions:problem:payload-too-large", (string?)report["stopped"]!["type"]);
        var committed = (long)report["committedThroughLine"]!;
        var texts = await new MemoryServerClient(client).ListMemoryTextsAsync(user);
        Assert.True(texts.Count >= committed, $"{texts.Count} memories, but the report said lines up to {committed} were settled");
        Assert.True(texts.Count < 3000);
    }

    [Fact]
    public async Task Import_UserErasedWhileItRuns_StopsAndLeavesNothing()
    {
        using var factory = fixture.StartKestrel();
        using var client = OverSockets(factory);
        var user = Api.NewUser();
        var body = new GatedNdjson(ImportLines.File(600), ImportLines.File(600, from: 601));
        var memories = new MemoryServerClient(client);

        var posting = client.PostAsync($"/api/users/{user}/imports", body);
        await body.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(30));
        for (var waited = 0; (await memories.ListMemoryTextsAsync(user)).Count == 0; waited++)
        {
            Assert.True(waited < 300, "The first batch was never written.");
            await Task.Delay(100);
        }

        using (var erase = await client.DeleteAsync(new Uri($"/api/users/{user}", UriKind.Relative)))
        {
            // The embedded store erases at once (200); a 202 would be an erase still running, which this test does not model.
            Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        }

        body.Release();
        using var response = await posting;

        var report = await ImportLines.FinalAsync(response);
        Assert.Equal("stopped", (string?)report["type"]);
        Assert.Equal("urn:memoryfunctions:problem:user-erased", (string?)report["stopped"]!["type"]);
        Assert.Empty(await memories.ExportMemoriesAsync(user));
    }

    /// <summary>A plain client over a socket to real Kestrel: the test host's handler buffers a request body of unknown length whole before the app sees any of it.</summary>
    private static HttpClient OverSockets(WebApplicationFactory<Program> factory)
    {
        using var testClient = factory.CreateClient();
        return new HttpClient { BaseAddress = testClient.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }
}
