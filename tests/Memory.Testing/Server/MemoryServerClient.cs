using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// The handful of calls a crash run makes, as raw HTTP (the wire contract, not our DTOs). Transport failures (the
/// server was killed mid-request) surface as <see cref="HttpRequestException"/> or a cancelled task: the caller decides
/// whether that request counts as acknowledged (it does not).
/// </summary>
public sealed class MemoryServerClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>POST a direct memory; 201 (created) or 200 (identical content already stored) acknowledge it.</summary>
    public async Task<HttpStatusCode> CreateMemoryAsync(string userId, string text, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync(UserUri(userId, "memories"), new { text }, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>POST one user turn for ingestion; returns the status and, on 202, the operation id.</summary>
    public async Task<(HttpStatusCode Status, string? OperationId)> SubmitMessagesAsync(
        string userId, string content, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UserUri(userId, "messages"))
        {
            Content = JsonContent.Create(new { messages = new[] { new { role = "user", content } } }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (response.StatusCode, null);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        return (response.StatusCode, (string?)body?["id"]);
    }

    /// <summary>The operation's status ("queued", "running", "succeeded", "failed"), or null when it is not found.</summary>
    public async Task<string?> GetOperationStatusAsync(string userId, string operationId, CancellationToken cancellationToken = default)
    {
        var uri = new Uri($"/api/operations/{Uri.EscapeDataString(operationId)}?userId={Uri.EscapeDataString(userId)}", UriKind.Relative);
        using var response = await Http.GetAsync(uri, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        return (string?)body?["status"];
    }

    /// <summary>Every stored memory of the user (superseded ones included), from <c>GET /users/{userId}/export</c>.</summary>
    public async Task<IReadOnlyList<ExportedMemory>> ExportMemoriesAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(UserUri(userId, "export"), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.GetProperty("memories").EnumerateArray()
            .Select(memory => new ExportedMemory(
                memory.GetProperty("id").GetString()!,
                memory.GetProperty("kind").GetString()!,
                memory.GetProperty("text").GetString()!,
                memory.TryGetProperty("validTo", out var validTo) && validTo.ValueKind != JsonValueKind.Null))
            .ToList();
    }

    /// <summary>
    /// The texts of the user's current memories, every page of <c>GET /users/{userId}/memories</c> (200 per page); stops
    /// after <paramref name="maxPages"/> pages so a cursor that never ends cannot loop forever.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListMemoryTextsAsync(string userId, int maxPages = 10_000, CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        string? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            var query = cursor is null ? "?pageSize=200" : "?pageSize=200&cursor=" + Uri.EscapeDataString(cursor);
            using var response = await Http.GetAsync(new Uri(UserUri(userId, "memories") + query, UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            texts.AddRange(body.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("text").GetString()!));
            cursor = body.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is null)
            {
                return texts;
            }
        }

        throw new InvalidOperationException($"Listing the memories of {userId} did not end within {maxPages} pages.");
    }

    private static Uri UserUri(string userId, string path) =>
        new($"/api/users/{Uri.EscapeDataString(userId)}/{path}", UriKind.Relative);
}
