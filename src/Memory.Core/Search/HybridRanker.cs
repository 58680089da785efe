using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Turns store candidates into the final order: the vector and lexical channels fused into one score in 0..1 (see
/// <see cref="FusionMethod"/>; first in both channels scores 1), multiplied by a recency factor and an importance factor.
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
        var list = candidates as IReadOnlyList<SearchCandidate> ?? candidates.ToList();
        var now = timeProvider.GetUtcNow();
        var fuse = Fusion(list);
        return list
            .Select(candidate => Score(candidate, fuse(candidate), now))
            .Where(result => result.Score >= minScore)
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Memory.Id, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
    }

    /// <summary>The fusion score of a candidate against this query's candidate set.</summary>
    private Func<SearchCandidate, double> Fusion(IReadOnlyList<SearchCandidate> candidates)
    {
        var (vectorWeight, lexicalWeight) = (_options.VectorWeight, _options.LexicalWeight);
        var total = vectorWeight + lexicalWeight;
        if (total <= 0)
        {
            return _ => 0;
        }

        if (_options.Fusion == FusionMethod.ReciprocalRank)
        {
            var best = 1.0 / (_options.RrfK + 1);
            return candidate => ((vectorWeight * Reciprocal(candidate.VectorRank)) + (lexicalWeight * Reciprocal(candidate.LexicalRank))) / (total * best);
        }

        // Relative to the query's best in each channel: BM25 is unbounded and cosines sit in a model-specific band, so
        // only the ratio to the best candidate says how close a candidate came. Negative cosines count as no match.
        var bestVector = candidates.Select(c => Math.Max(0, c.VectorSimilarity ?? 0)).DefaultIfEmpty(0).Max();
        var bestLexical = candidates.Select(c => c.LexicalScore ?? 0).DefaultIfEmpty(0).Max();
        return candidate =>
        {
            var vector = bestVector > 0 ? Math.Max(0, candidate.VectorSimilarity ?? 0) / bestVector : 0;
            var lexical = bestLexical > 0 ? (candidate.LexicalScore ?? 0) / bestLexical : 0;
            return ((vectorWeight * vector) + (lexicalWeight * lexical)) / total;
        };
    }

    private RankedMemory Score(SearchCandidate candidate, double fusion, DateTimeOffset now)
    {
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
