using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Http.Contracts;

/// <summary>One search hit: the memory, its final score (0..1), and with <c>explain</c> every component of it.</summary>
public sealed record SearchResultResponse(MemoryResponse Memory, double Score, ScoreExplanation? Explanation);
