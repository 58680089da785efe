using System.Text.Json.Serialization;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>An ingestion operation as stored (<c>type = "operation"</c>), in the same logical partition as the user's memories.</summary>
internal sealed class OperationDocument
{
    public required string Id { get; set; }

    public string Type { get; set; } = DocumentTypes.Operation;

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string OperationId { get; set; }

    /// <summary>Absent on documents written before erase operations existed: those are ingestions.</summary>
    public OperationKind? Kind { get; set; }

    public OperationStatus Status { get; set; }

    public required IngestionRequest Request { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? RequestFingerprint { get; set; }

    public long Epoch { get; set; }

    public OperationProgress? Progress { get; set; }

    public List<AppliedDecision> Decisions { get; set; } = [];

    public IngestionTruncation? Truncation { get; set; }

    public OperationError? Error { get; set; }

    public TokenUsage? Usage { get; set; }

    /// <summary>An erase operation's audit record and counts (ids and numbers, no user content).</summary>
    public OperationErasure? Erasure { get; set; }

    public required string CreatedAt { get; set; }

    public required string UpdatedAt { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }
}
