using System.Net.Http.Headers;
using System.Text.Json;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>One request the SDK sent to the gateway: what a test asserts on (path, headers, SQL, parameters).</summary>
public sealed record RecordedCosmosRequest(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Content)
{
    public bool IsQueryPlan => IsTrue("x-ms-cosmos-is-query-plan-request");

    public bool IsQuery => Method == HttpMethod.Post && Path.EndsWith("/docs", StringComparison.Ordinal) && IsTrue("x-ms-documentdb-isquery") && !IsQueryPlan;

    public bool IsBatch => IsTrue("x-ms-cosmos-is-batch-request");

    /// <summary>A write to a document (create, upsert, replace, patch, delete or a batch).</summary>
    public bool IsWrite => Method != HttpMethod.Get && !IsQuery && !IsQueryPlan && Path.Contains("/docs", StringComparison.Ordinal);

    /// <summary>The partition key header as the SDK sent it, e.g. <c>["t","u"]</c>.</summary>
    public string? PartitionKey => Header("x-ms-documentdb-partitionkey");

    /// <summary>The body as text (batches are binary HybridRow: base64).</summary>
    public string Body => IsBatch ? Convert.ToBase64String(Content) : System.Text.Encoding.UTF8.GetString(Content);

    public string? Sql => IsQuery || IsQueryPlan ? JsonDocument.Parse(Content).RootElement.GetProperty("query").GetString() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value bound to a query parameter, as JSON text.</summary>
    public string? Parameter(string name)
    {
        using var document = JsonDocument.Parse(Content);
        if (!document.RootElement.TryGetProperty("parameters", out var parameters))
        {
            return null;
        }

        return parameters.EnumerateArray().Where(p => p.GetProperty("name").GetString() == name).Select(p => p.GetProperty("value").GetRawText()).FirstOrDefault();
    }

    internal static async Task<RecordedCosmosRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(headers, request.Headers);
        var content = Array.Empty<byte>();
        if (request.Content is not null)
        {
            Add(headers, request.Content.Headers);
            content = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        return new RecordedCosmosRequest(request.Method, Uri.UnescapeDataString(request.RequestUri!.AbsolutePath), headers, content);
    }

    private bool IsTrue(string header) => Header(header) is { } value && bool.TryParse(value, out var flag) && flag;

    private static void Add(Dictionary<string, string> target, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
        {
            target[name] = string.Join(",", values);
        }
    }
}
