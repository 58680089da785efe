using System.Text.Json;

namespace MemoryFunctions.Testing.ModelServer;

/// <summary>One request the scripted server received: path, authentication header, parsed body, arrival time and query string.</summary>
public sealed record RecordedRequest(string Path, string? Authorization, string? ApiKeyHeader, JsonElement Body, DateTimeOffset ReceivedAt, string Query)
{
    /// <summary>The concatenated message contents of a chat request.</summary>
    public IReadOnlyList<string> MessageContents =>
        Body.TryGetProperty("messages", out var messages)
            ? messages.EnumerateArray().Select(ContentOf).ToList()
            : [];

    private static string ContentOf(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var text) ? text.GetString() : string.Empty));
    }
}
