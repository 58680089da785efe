using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Turns store candidates into the final order: reciprocal rank fusion of the vector and lexical channels
/// (normalised so that first in both channels scores 1), multiplied by a recency factor and an importance factor.
/// Ranking lives here, not in the stores, so every store ranks identically and <c>explain</c> means the same everywhere.
/// </summary>
public sealed class HybridRanker(IOptions<RankingOptions> options, TimeProvider timeProvider)
{
    private readonly RankingOptions _options = options.Value;

    /// <summary>How many candidates to ask each channel for, per result wanted.</summary>
    public int CandidateMultiplier => _options.CandidateMultiplier;

    public IReadOnlyList<RankedMemory> Rank(IEnumerable<SearchCandidate> candidates, int topK, double minScore)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var now = timeProvider.GetUtcNow();
        var best = 2.0 / (_options.RrfK + 1);
        return candidates
            .Select(candidate => Score(candidate, now, best))
            .Where(result => result.Score >= minScore)
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Memory.Id, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
    }

    private RankedMemory Score(SearchCandidate candidate, DateTimeOffset now, double best)
    {
        var fusion = (Reciprocal(candidate.VectorRank) + Reciprocal(candidate.LexicalRank)) / best;
        // Event time: an old conversation imported today is as old as it was when it was said.
        var ageDays = Math.Max(0, (now - candidate.Memory.ValidFrom).TotalDays);
        var decay = Math.Pow(0.5, ageDays / _options.RecencyHalfLife.TotalDays);
        var recency = 1 - _options.RecencyWeight + (_options.RecencyWeight * decay);
        var importance = 1 - _options.ImportanceWeight + (_options.ImportanceWeight * Math.Clamp(candidate.Memory.Importance, 0, 1));
        var final = fusion * recency * importance;
        var explanation = new ScoreExplanation(
            candidate.VectorSimilarity, candidate.VectorRank, candidate.LexicalScore, candidate.LexicalRank, fusion, recency, importance, final);
        return new RankedMemory(candidate.Memory, final, explanation);
    }

    private double Reciprocal(int? rank) => rank is { } r ? 1.0 / (_options.RrfK + r) : 0;
}
