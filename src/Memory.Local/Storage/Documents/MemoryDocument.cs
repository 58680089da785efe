using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// A memory as the log and snapshot hold it; its embedding follows the JSON as raw floats. Every JSON name is written
/// here and pinned by the golden tests: renaming a Core property changes <see cref="DocumentMapper"/>, never the files.
/// </summary>
internal sealed class MemoryDocument
{
    [JsonPropertyName("Id")]
    public required string Id { get; set; }

    [JsonPropertyName("TenantId")]
    public required string TenantId { get; set; }

    [JsonPropertyName("UserId")]
    public required string UserId { get; set; }

    [JsonPropertyName("AgentId")]
    public string? AgentId { get; set; }

    [JsonPropertyName("SessionId")]
    public string? SessionId { get; set; }

    /// <summary>A name from <see cref="StoredNames.Kinds"/>; absent in the oldest files, which only held facts.</summary>
    [JsonPropertyName("Kind")]
    public string Kind { get; set; } = "Fact";

    [JsonPropertyName("Speaker")]
    public string? Speaker { get; set; }

    [JsonPropertyName("Text")]
    public required string Text { get; set; }

    /// <summary>Format 4 on (written within format 3 by releases up to ba52933): written only when set, absent (null) in older files.</summary>
    [JsonPropertyName("ResolvedDates")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResolvedDates { get; set; }

    /// <summary>Format 4 on (written within format 3 by releases up to ba52933): written only when set, absent (null) in older files.</summary>
    [JsonPropertyName("PrecedingText")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrecedingText { get; set; }

    /// <summary>Format 4 on (written within format 3 by releases up to ba52933): written only when set, absent (null) in older files.</summary>
    [JsonPropertyName("Ordinal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ordinal { get; set; }

    [JsonPropertyName("Metadata")]
    [JsonConverter(typeof(StoredMetadataConverter))]
    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; set; }

    [JsonPropertyName("Tags")]
    public IReadOnlyList<string>? Tags { get; set; }

    [JsonPropertyName("Source")]
    public string Source { get; set; } = "User";

    [JsonPropertyName("Confidence")]
    public double Confidence { get; set; } = 1.0;

    [JsonPropertyName("Importance")]
    public double Importance { get; set; } = 0.5;

    [JsonPropertyName("ContentHash")]
    public required string ContentHash { get; set; }

    [JsonPropertyName("Provenance")]
    public ProvenanceDocument? Provenance { get; set; }

    [JsonPropertyName("CreatedAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("UpdatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("ValidFrom")]
    public DateTimeOffset ValidFrom { get; set; }

    [JsonPropertyName("ValidTo")]
    public DateTimeOffset? ValidTo { get; set; }

    [JsonPropertyName("SupersededBy")]
    public string? SupersededBy { get; set; }

    [JsonPropertyName("ExpiresAt")]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The ETag the store assigned when it wrote the record (<c>"&lt;sequence&gt;"</c>); kept so it survives a restart unchanged.</summary>
    [JsonPropertyName("ETag")]
    public string? ETag { get; set; }
}
