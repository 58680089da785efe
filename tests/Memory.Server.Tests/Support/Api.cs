using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>Request and assertion helpers. Bodies are raw JSON strings on purpose: the tests pin the wire contract, not our DTOs.</summary>
public static class Api
{
    public static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpRequestMessage Request(HttpMethod method, string url, string? json = null, string? tenant = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        if (tenant is not null)
        {
            request.Headers.Add("x-tenant-id", tenant);
        }

        return request;
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    public static async Task<JsonNode> CreateMemoryAsync(this HttpClient client, string userId, string json, string? tenant = null)
    {
        using var request = Request(HttpMethod.Post, $"/api/users/{userId}/memories", json, tenant);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>Asserts an RFC 9457 problem: status, content type, stable type URI and, when given, the offending field.</summary>
    public static async Task<JsonNode> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal($"urn:memoryfunctions:problem:{type}", (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}': {body}");
            Assert.Contains(field, errors![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        return problem;
    }

    public static string? ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static void IfMatch(this HttpRequestMessage request, string etag) =>
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
}
