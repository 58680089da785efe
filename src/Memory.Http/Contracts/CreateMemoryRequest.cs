using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>POST /api/users/{userId}/memories</c>, and each line of an import (<c>POST /api/users/{userId}/imports</c>). Members are nullable so the validator, not the parser, reports what is missing.</summary>
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

    /// <summary>The memory to store, with the API's defaults for what the caller left out; call only once the request is valid.</summary>
    public MemoryDraft ToDraft() => new()
    {
        Text = Text!.Trim(),
        Kind = Kind ?? MemoryKind.Fact,
        AgentId = AgentId,
        SessionId = SessionId,
        Metadata = Metadata,
        Tags = Tags?.Distinct(StringComparer.Ordinal).ToList(),
        Source = Source ?? MemorySource.User,
        Confidence = Confidence ?? 1.0,
        Importance = Importance ?? 0.5,
        ValidFrom = ValidFrom,
        ExpiresAt = ExpiresAt,
    };
}
