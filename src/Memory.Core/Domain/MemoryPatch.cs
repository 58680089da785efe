namespace MemoryFunctions.Core.Domain;

/// <summary>A partial update: null members are left as they are. A new text is re-embedded and re-hashed; the id stays.</summary>
public sealed record MemoryPatch
{
    public string? Text { get; init; }

    public MemoryKind? Kind { get; init; }

    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public double? Confidence { get; init; }

    public double? Importance { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? ValidTo { get; init; }
}
