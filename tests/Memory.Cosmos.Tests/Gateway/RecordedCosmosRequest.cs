using System.Net.Http.Headers;
using System.Text.Json;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>One request the SDK sent to the scripted gateway: what a test asserts on (path, headers, SQL, parameters).</summary>
public sealed record RecordedCosmosRequest(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool IsQueryPlan => Header("x-ms-cosmos-is-query-plan-request") is "True" or "true";

    public bool IsQuery => Method == HttpMethod.Post && Path.EndsWith("/docs", StringComparison.Ordinal) && Header("x-ms-documentdb-isquery") is "True" or "true" && !IsQueryPlan;

    public bool IsBatch => Header("x-ms-cosmos-is-batch-request") is "True" or "true";

    /// <summary>The partition key header as the SDK sent it, e.g. <c>["t","u"]</c>.</summary>
    public string? PartitionKey => Header("x-ms-documentdb-partitionkey");

    public string? Sql => IsQuery || IsQueryPlan ? JsonDocument.Parse(Body).RootElement.GetProperty("query").GetString() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value bound to a query parameter, as JSON text.</summary>
    public string? Parameter(string name)
    {
        using var document = JsonDocument.Parse(Body);
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
        var body = string.Empty;
        if (request.Content is not null)
        {
            Add(headers, request.Content.Headers);
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            body = headers.TryGetValue("x-ms-cosmos-is-batch-request", out _) ? Convert.ToBase64String(bytes) : System.Text.Encoding.UTF8.GetString(bytes);
        }

        return new RecordedCosmosRequest(request.Method, Uri.UnescapeDataString(request.RequestUri!.AbsolutePath), headers, body);
    }

    private static void Add(Dictionary<string, string> target, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
        {
            target[name] = string.Join(",", values);
        }
    }
}
