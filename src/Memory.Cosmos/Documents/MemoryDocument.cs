using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>A memory as stored: camelCase JSON, <c>type = "memory"</c>, dates as fixed-width strings, <c>ttl</c> from expiresAt.</summary>
internal sealed class MemoryDocument
{
    public required string Id { get; set; }

    public string Type { get; set; } = DocumentTypes.Memory;

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string MemoryId { get; set; }

    public string? AgentId { get; set; }

    public string? SessionId { get; set; }

    public string? Speaker { get; set; }

    /// <summary>A kept turn's resolved relative dates; a full-text path (<c>/resolvedDates</c>), scored by the lexical channel.</summary>
    public string? ResolvedDates { get; set; }

    /// <summary>The words of the turn before a kept turn; a full-text path (<c>/precedingText</c>), scored at half weight.</summary>
    public string? PrecedingText { get; set; }

    public int? Ordinal { get; set; }

    public MemoryKind Kind { get; set; }

    public required string Text { get; set; }

    public float[] Embedding { get; set; } = [];

    public Dictionary<string, MetadataValue> Metadata { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public MemorySource Source { get; set; }

    public double Confidence { get; set; }

    public double Importance { get; set; }

    public required string ContentHash { get; set; }

    public ProvenanceDocument? Provenance { get; set; }

    public required string CreatedAt { get; set; }

    public required string UpdatedAt { get; set; }

    public required string ValidFrom { get; set; }

    public string? ValidTo { get; set; }

    public string? SupersededBy { get; set; }

    public string? ExpiresAt { get; set; }

    /// <summary>
    /// The partition epoch the document was written in. Reads keep only the current epoch's documents once an erase has
    /// moved it (<see cref="EpochDocument.DocumentsStamped"/>), so an erased user's memories are invisible before they are
    /// deleted. Absent on documents written before epochs were stamped: they belong to the epoch that was current then.
    /// </summary>
    public long Epoch { get; set; }

    /// <summary>Seconds to live, read by Cosmos (container default TTL is -1: on, nothing expires unless a document says so).</summary>
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }

    internal sealed record ProvenanceDocument(string? OperationId, List<string> MessageIds);
}
