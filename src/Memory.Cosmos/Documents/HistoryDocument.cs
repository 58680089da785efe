using System.Text.Json.Serialization;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>A history event as stored (<c>type = "history"</c>); its id derives from the event id, so a retried write upserts the same document.</summary>
internal sealed class HistoryDocument
{
    public required string Id { get; set; }

    public string Type { get; set; } = DocumentTypes.History;

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string EventId { get; set; }

    public required string MemoryId { get; set; }

    /// <summary>ADD, UPDATE, SUPERSEDE or DELETE.</summary>
    public required string Op { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public required string At { get; set; }

    public string? OperationId { get; set; }

    public required string Actor { get; set; }

    public string? Reason { get; set; }

    /// <summary>The partition epoch the event was written in, as on <see cref="MemoryDocument.Epoch"/>.</summary>
    public long Epoch { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }
}
