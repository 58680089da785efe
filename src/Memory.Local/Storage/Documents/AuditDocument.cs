using System.Text.Json.Serialization;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// An audit record as the log and snapshot hold it; JSON names are the file format (see <see cref="MemoryDocument"/>).
/// Stored unsealed, under no partition's key: a user's erase destroys their keys, and this record must outlive it.
/// It holds ids, names and counts, never memory text.
/// </summary>
internal sealed class AuditDocument
{
    [JsonPropertyName("Id")]
    public required string Id { get; set; }

    [JsonPropertyName("TenantId")]
    public required string TenantId { get; set; }

    [JsonPropertyName("UserId")]
    public required string UserId { get; set; }

    /// <summary>A name from <see cref="StoredNames.AuditActions"/>.</summary>
    [JsonPropertyName("Action")]
    public required string Action { get; set; }

    /// <summary>A name from <see cref="StoredNames.AuditOutcomes"/>.</summary>
    [JsonPropertyName("Outcome")]
    public required string Outcome { get; set; }

    [JsonPropertyName("Actor")]
    public required string Actor { get; set; }

    [JsonPropertyName("TraceId")]
    public string? TraceId { get; set; }

    [JsonPropertyName("StartedAt")]
    public required DateTimeOffset StartedAt { get; set; }

    [JsonPropertyName("CompletedAt")]
    public DateTimeOffset? CompletedAt { get; set; }

    [JsonPropertyName("Detail")]
    public string? Detail { get; set; }
}
