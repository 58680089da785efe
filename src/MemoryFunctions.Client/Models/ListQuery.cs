namespace MemoryFunctions.Client.Models;

/// <summary>Filters of <c>GET /users/{userId}/memories</c>; the client follows <c>nextCursor</c> itself.</summary>
public sealed record ListQuery
{
    public IReadOnlyList<string>? Kinds { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? IncludeSuperseded { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public int? PageSize { get; init; }

    public bool? IncludeEmbedding { get; init; }
}
