namespace MemoryFunctions.Client.Models;

/// <summary>The fields to change (<c>PATCH /users/{userId}/memories/{id}</c>); null fields stay as they are.</summary>
public sealed record MemoryPatch
{
    public string? Text { get; init; }

    public string? Kind { get; init; }

    public IReadOnlyDictionary<string, object>? Metadata { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public double? Confidence { get; init; }

    public double? Importance { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? ValidTo { get; init; }
}
