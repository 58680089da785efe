using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Search;

/// <summary>A search result: the memory, its final score in 0..1, and the components that produced it.</summary>
public sealed record RankedMemory(MemoryRecord Memory, double Score, ScoreExplanation Explanation)
{
    /// <summary>Whether the memory holds, has ended, or is (perhaps outdated) evidence of what was said.</summary>
    public MemoryStanding Standing { get; init; } = MemoryStanding.Current;
}
