using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>POST /api/users/{userId}/memories</c>. Members are nullable so the validator, not the parser, reports what is missing.</summary>
public sealed record CreateMemoryRequest
{
    public string? Text { get; init; }

    public MemoryKind? Kind { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public Dictionary<string, MetadataValue>? Metadata { get; init; }

    public List<string>? Tags { get; init; }

    public MemorySource? Source { get; init; }

    public double? Confidence { get; init; }

    public double? Importance { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
