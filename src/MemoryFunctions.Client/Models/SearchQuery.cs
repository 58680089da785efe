namespace MemoryFunctions.Client.Models;

/// <summary><c>POST /users/{userId}/search</c>.</summary>
public sealed record SearchQuery(string Query) : MemoryFilter
{
    public int? TopK { get; init; }

    public double? MinScore { get; init; }

    public bool? Explain { get; init; }

    public bool? IncludeEmbedding { get; init; }
}
