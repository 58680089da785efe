using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>What a store needs to produce hybrid candidates: the query's embedding and text, the filter, and how many per channel.</summary>
public sealed record MemorySearchQuery(float[] Vector, string Text, MemoryFilter Filter, int CandidateCount)
{
    /// <summary>
    /// False when the caller reads no candidate's vector (a search ranks by the store's scores): a store may then leave each
    /// candidate's <see cref="Domain.MemoryRecord.Embedding"/> empty, and the embedded store copies none out of its vector block.
    /// </summary>
    public bool WithVectors { get; init; } = true;
}
