using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Import;

/// <summary>NDJSON bodies for the import route, and its report stream read back.</summary>
internal static class ImportLines
{
    public static string Memory(int i) => $$$"""{"text":"Imported fact number {{{i}}} about the garden","tags":["import"],"metadata":{"n":{{{i}}}}}""";

    public static string File(int count, int from = 1) => string.Join('\n', Enumerable.Range(from, count).Select(Memory)) + "\n";

    public static ByteArrayContent Ndjson(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    public static async Task<List<JsonNode>> ReportsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True("application/x-ndjson" == response.Content.Headers.ContentType?.MediaType, $"{(int)response.StatusCode}: {text}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
    }

    /// <summary>The last report, which must be the only final one and come last.</summary>
    public static async Task<JsonNode> FinalAsync(HttpResponseMessage response)
    {
        var reports = await ReportsAsync(response);
        Assert.All(reports[..^1], report => Assert.Equal("progress", (string?)report["type"]));
        return reports[^1];
    }
}
