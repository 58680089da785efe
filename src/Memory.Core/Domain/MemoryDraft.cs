namespace MemoryFunctions.Core.Domain;

/// <summary>A memory as a caller supplies it; the service derives id, hash, embedding and timestamps.</summary>
public sealed record MemoryDraft
{
    public required string Text { get; init; }

    public MemoryKind Kind { get; init; } = MemoryKind.Fact;

    /// <summary>Who said it, for a kept conversation turn; null otherwise.</summary>
    public string? Speaker { get; init; }

    /// <summary>For a kept turn: see <see cref="MemoryRecord.ResolvedDates"/>.</summary>
    public string? ResolvedDates { get; init; }

    /// <summary>For a kept turn: see <see cref="MemoryRecord.PrecedingText"/>.</summary>
    public string? PrecedingText { get; init; }

    /// <summary>For a kept turn: see <see cref="MemoryRecord.Ordinal"/>.</summary>
    public int? Ordinal { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public MemorySource Source { get; init; } = MemorySource.User;

    public double Confidence { get; init; } = 1.0;

    public double Importance { get; init; } = 0.5;

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public Provenance? Provenance { get; init; }
}
