using System.Text.Json;

namespace MemoryFunctions.Client.Models;

/// <summary>A stored memory as the API returns it. Kinds, sources and other enums are the API's camelCase names.</summary>
public sealed record Memory
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Text { get; init; }

    /// <summary>For a kept turn: the relative dates it says, resolved against when it was said ("yesterday = 4 March 2024").</summary>
    public string? ResolvedDates { get; init; }

    /// <summary>For a kept turn: its position among the turns posted in one request.</summary>
    public int? Ordinal { get; init; }

    /// <summary>For a kept turn, in exports only: the words of the turn said before it, searched with it; never its text.</summary>
    public string? PrecedingText { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public string? Speaker { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Metadata { get; init; } = new Dictionary<string, JsonElement>();

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string Source { get; init; } = "user";

    public double Confidence { get; init; }

    public double Importance { get; init; }

    public string? OperationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public string? SupersededBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The concurrency tag to send as <c>If-Match</c> with an update or delete.</summary>
    public string? Etag { get; init; }

    public IReadOnlyList<float>? Embedding { get; init; }
}
