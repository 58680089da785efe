using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>PATCH /api/users/{userId}/memories/{id}</c>: absent members stay as they are; a new text is re-embedded.</summary>
public sealed record UpdateMemoryRequest
{
    public string? Text { get; init; }

    public MemoryKind? Kind { get; init; }

    public Dictionary<string, MetadataValue>? Metadata { get; init; }

    public List<string>? Tags { get; init; }

    public double? Confidence { get; init; }

    public double? Importance { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Retracts the memory from this instant on (it stays in history and as-of queries).</summary>
    public DateTimeOffset? ValidTo { get; init; }
}
