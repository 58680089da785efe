using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>
/// Submitting conversations and following the operation they start, through HTTP only. Polling has a generous bound
/// (the build machine is shared and slow at times) and fails with the last body seen, never with a timing claim.
/// </summary>
public static class OperationPolling
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>POSTs the messages and asserts the 202: the operation body and the <c>Location</c> to poll.</summary>
    public static async Task<(JsonNode Operation, string Location)> SubmitAsync(
        this HttpClient client, string userId, string json, string? idempotencyKey = null, string? tenant = null)
    {
        using var request = Api.Request(HttpMethod.Post, $"/api/users/{userId}/messages", json, tenant);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        var location = response.Headers.Location?.OriginalString;
        Assert.False(string.IsNullOrEmpty(location), "A 202 must say where to poll (Location).");
        return (JsonNode.Parse(body)!, location!);
    }

    /// <summary>GETs <paramref name="url"/> until the operation is succeeded, failed or cancelled, and returns that last body.</summary>
    public static async Task<JsonNode> WaitForOperationAsync(this HttpClient client, string url, string? tenant = null)
    {
        var waited = Stopwatch.StartNew();
        var last = string.Empty;
        while (waited.Elapsed < Bound)
        {
            using var request = Api.Request(HttpMethod.Get, url, tenant: tenant);
            using var response = await client.SendAsync(request);
            last = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Polling {url}: {(int)response.StatusCode} {last}");
            var operation = JsonNode.Parse(last)!;
            if ((string?)operation["status"] is "succeeded" or "failed" or "cancelled")
            {
                return operation;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Operation at {url} did not finish within {Bound.TotalSeconds} s; last seen: {last}");
        return null!;
    }

    /// <summary>Submits and waits; asserts the operation succeeded and returns it.</summary>
    public static async Task<JsonNode> IngestAsync(this HttpClient client, string userId, string json, string? idempotencyKey = null)
    {
        var (_, location) = await client.SubmitAsync(userId, json, idempotencyKey);
        var operation = await client.WaitForOperationAsync(location);
        Assert.True((string?)operation["status"] == "succeeded", $"Operation did not succeed: {operation.ToJsonString()}");
        return operation;
    }

    /// <summary>The operation's decisions with the given action ("add", "supersede", ...).</summary>
    public static List<JsonNode> Decisions(this JsonNode operation, string action) =>
        [.. operation["decisions"]!.AsArray().Where(d => (string?)d!["action"] == action).Select(d => d!)];

    /// <summary>The texts of <c>POST /search</c> results, best first.</summary>
    public static async Task<List<string>> SearchTextsAsync(this HttpClient client, string userId, string json)
    {
        using var response = await client.PostAsync($"/api/users/{userId}/search", Api.Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync())["results"]!.AsArray().Select(r => (string)r!["memory"]!["text"]!)];
    }

    /// <summary>One page of <c>GET /memories</c> (up to 200 items) with an optional query string.</summary>
    public static async Task<JsonArray> ListMemoriesAsync(this HttpClient client, string userId, string query = "")
    {
        using var response = await client.GetAsync($"/api/users/{userId}/memories?pageSize=200{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["items"]!.AsArray();
    }
}
