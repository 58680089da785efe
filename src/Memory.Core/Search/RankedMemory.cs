using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Search;

/// <summary>A search result: the memory, its final score in 0..1, and the components that produced it.</summary>
public sealed record RankedMemory(MemoryRecord Memory, double Score, ScoreExplanation Explanation);
