using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>A search of one partition: the query, the filter (its <see cref="MemoryFilter.At"/> is the as-of time), how many, and the score floor.</summary>
public sealed record SearchRequest(string Query, MemoryFilter Filter, int TopK, double MinScore = 0)
{
    /// <summary>
    /// The results carry their embedding vectors (what <c>includeEmbedding</c> asks for); without it the store is asked for
    /// none. Only the embedded store returns them: Cosmos DB's search projection leaves vectors out (docs/cosmos.md).
    /// </summary>
    public bool IncludeEmbedding { get; init; }

    /// <summary>
    /// The same words said again by the same speaker (or a memory of the same kind and text) count once, at their best
    /// rank: a context block shows them once, so a repeat would take the place of a memory it could show.
    /// </summary>
    public bool OneOfEachText { get; init; }
}
