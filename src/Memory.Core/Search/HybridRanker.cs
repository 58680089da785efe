using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Turns store candidates into the final order: the vector and lexical channels, each normalised to 0..1 and combined
/// with their weights into a fusion score in 0..1 (see <see cref="FusionMethod"/>), then multiplied by a recency factor,
/// an importance factor, and the query's speaker and time focus (<see cref="QueryFocus"/>; the vector channel does not count
/// for a turn that speaks to a person the query names: its embedding is drawn to the name). Ranking lives here, not in the stores, so every store ranks identically
/// and <c>explain</c> means the same everywhere.
/// </summary>
public sealed class HybridRanker(IOptions<RankingOptions> options, TimeProvider timeProvider)
{
    private readonly RankingOptions _options = options.Value;

    /// <summary>How many candidates to ask each channel for, per result wanted.</summary>
    public int CandidateMultiplier => _options.CandidateMultiplier;

    /// <param name="oneOfEachText">Keep only the best of memories of the same kind, speaker and text (<see cref="SearchRequest.OneOfEachText"/>); read from their content hashes, no text pass.</param>
    public IReadOnlyList<RankedMemory> Rank(IEnumerable<SearchCandidate> candidates, int topK, double minScore, QueryFocus? focus = null, bool oneOfEachText = false)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates as IReadOnlyList<SearchCandidate> ?? candidates.ToList();
        var now = timeProvider.GetUtcNow();
        var fusion = ChannelFusion.For(list, _options);
        var ranked = list
            .Select(candidate => Score(candidate, fusion, now, focus ?? QueryFocus.None))
            .Where(result => result.Score >= minScore)
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Memory.Id, StringComparer.Ordinal);
        return (oneOfEachText ? ranked.DistinctBy(result => (result.Memory.Kind, result.Memory.Speaker, result.Memory.ContentHash)) : ranked)
            .Take(topK)
            .ToList();
    }

    private RankedMemory Score(SearchCandidate candidate, ChannelFusion fusion, DateTimeOffset now, QueryFocus focus)
    {
        var reading = focus.Speaker(candidate.Memory, _options.SpeakerWeight);
        var vector = reading.SpeaksToNamedPerson ? 0 : fusion.Vector(candidate);
        var lexical = fusion.Lexical(candidate);
        var fused = fusion.Combine(vector, lexical);

        // Event time: an old conversation imported today is as old as it was when it was said.
        var ageDays = Math.Max(0, (now - candidate.Memory.ValidFrom).TotalDays);
        var decay = Math.Pow(0.5, ageDays / _options.RecencyHalfLife.TotalDays);
        var recency = 1 - _options.RecencyWeight + (_options.RecencyWeight * decay);
        var importance = 1 - _options.ImportanceWeight + (_options.ImportanceWeight * Math.Clamp(candidate.Memory.Importance, 0, 1));
        var speaker = reading.Factor;
        var time = focus.TimeFactor(candidate.Memory, _options.TimeWeight);
        var final = fused * recency * importance * speaker * time;
        var explanation = new ScoreExplanation(
            candidate.VectorSimilarity, candidate.VectorRank, candidate.LexicalScore, candidate.LexicalRank, fused, recency, importance, final)
        {
            Method = fusion.Method,
            VectorNormalized = vector,
            LexicalNormalized = lexical,
            VectorWeight = fusion.Weights.Vector,
            LexicalWeight = fusion.Weights.Lexical,
            LexicalMaximum = candidate.LexicalMaximum,
            Speaker = speaker,
            Time = time,
            NamedSpeakers = focus.People,
            NamedTimes = focus.TimeNames,
        };
        return new RankedMemory(candidate.Memory, final, explanation);
    }
}
