namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>POST /api/users/{userId}/search</c>.</summary>
public sealed record SearchMemoriesRequest : MemoryFilterFields
{
    public string? Query { get; init; }

    public int? TopK { get; init; }

    /// <summary>Results scoring below this (0..1) are dropped.</summary>
    public double? MinScore { get; init; }

    /// <summary>Include each component of every score.</summary>
    public bool? Explain { get; init; }

    /// <summary>Include each memory's embedding (omitted by default: large and rarely useful to callers).</summary>
    public bool? IncludeEmbedding { get; init; }
}
