using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// One search hit: the memory, its final score (0..1), what it is (<c>standing</c>: a <c>current</c> statement, an
/// <c>ended</c> one, a kept turn as <c>evidence</c>, or <c>outdatedEvidence</c>: a turn whose only statement has since
/// ended, superseded or retracted), and with <c>explain</c> every component of the score.
/// </summary>
public sealed record SearchResultResponse(MemoryResponse Memory, double Score, MemoryStanding Standing, ScoreExplanation? Explanation);
