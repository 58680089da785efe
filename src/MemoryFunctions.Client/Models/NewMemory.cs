namespace MemoryFunctions.Client.Models;

/// <summary>A memory to store directly (<c>POST /users/{userId}/memories</c>). Metadata values: strings, numbers or booleans.</summary>
public sealed record NewMemory(string Text)
{
    public string? Kind { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyDictionary<string, object>? Metadata { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Source { get; init; }

    public double? Confidence { get; init; }

    public double? Importance { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
