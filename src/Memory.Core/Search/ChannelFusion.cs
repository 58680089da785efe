namespace MemoryFunctions.Core.Search;

/// <summary>
/// One query's fusion (see <see cref="FusionMethod"/>): each channel's score of a candidate as a number in 0..1, 0 when
/// the channel did not score the candidate, monotone in the channel's own score (or rank) and independent of the other
/// channel's; then the two combined with the configured weights.
/// </summary>
internal abstract class ChannelFusion
{
    /// <summary>
    /// The configured fusion, except when a channel ranks candidates without scoring them (Cosmos DB cannot project
    /// <c>FullTextScore</c>): every score-based fusion would count that channel as 0 and lose its order, so such a query
    /// is fused by rank, as Cosmos DB's own hybrid search (<c>ORDER BY RANK RRF</c>) fuses it.
    /// </summary>
    public static ChannelFusion For(IReadOnlyList<SearchCandidate> candidates, RankingOptions options) =>
        RanksWithoutScores(candidates) ? new ReciprocalRank(options) : options.Fusion switch
        {
            FusionMethod.Score => new Relative(candidates, options),
            FusionMethod.AbsoluteScore => new Absolute(candidates, options),
            FusionMethod.ReciprocalRank => new ReciprocalRank(options),
            _ => new Standardized(candidates, options),
        };

    /// <summary>The fusion this query used (shown by <c>explain</c>).</summary>
    public abstract FusionMethod Method { get; }

    /// <summary>The channels' weights as the combination uses them (shown by <c>explain</c>).</summary>
    public (double Vector, double Lexical) Weights { get; protected init; }

    public abstract double Vector(SearchCandidate candidate);

    public abstract double Lexical(SearchCandidate candidate);

    /// <summary>The weighted sum: with weights summing to 1, first in both channels scores 1.</summary>
    public virtual double Combine(double vector, double lexical) => (Weights.Vector * vector) + (Weights.Lexical * lexical);

    private static bool RanksWithoutScores(IReadOnlyList<SearchCandidate> candidates) =>
        candidates.Any(c => (c.LexicalRank is not null && c.LexicalScore is null) || (c.VectorRank is not null && c.VectorSimilarity is null));

    private static (double, double) SummingToOne(RankingOptions options)
    {
        var total = options.VectorWeight + options.LexicalWeight;
        return total > 0 ? (options.VectorWeight / total, options.LexicalWeight / total) : (0, 0);
    }

    /// <summary>A cosine only counts when positive: an opposite meaning is no match, not a negative one.</summary>
    private static double? Cosine(SearchCandidate candidate) => candidate.VectorSimilarity is { } cosine ? Math.Max(0, cosine) : null;

    /// <summary>A lexical score of 0 matched no query term: the channel did not find the candidate.</summary>
    private static double? Bm25(SearchCandidate candidate) => candidate.LexicalScore is > 0 and var score ? score : null;

    private static double Best(IReadOnlyList<SearchCandidate> candidates, Func<SearchCandidate, double?> score) =>
        candidates.Select(c => score(c) ?? 0).DefaultIfEmpty(0).Max();

    private static double Ratio(double? score, double scale) => scale > 0 ? Math.Clamp((score ?? 0) / scale, 0, 1) : 0;

    private sealed class Standardized : ChannelFusion
    {
        public override FusionMethod Method => FusionMethod.Standardized;

        private readonly (double Mean, double Deviation) _vector;
        private readonly (double Mean, double Deviation) _lexical;

        public Standardized(IReadOnlyList<SearchCandidate> candidates, RankingOptions options)
        {
            // Relative to the larger weight, so a candidate first by far in the heavier channel nears 1.
            var larger = Math.Max(options.VectorWeight, options.LexicalWeight);
            Weights = larger > 0 ? (options.VectorWeight / larger, options.LexicalWeight / larger) : (0, 0);
            _vector = Moments(candidates, Cosine);
            _lexical = Moments(candidates, Bm25);
        }

        public override double Vector(SearchCandidate candidate) => Logistic(Cosine(candidate), _vector);

        public override double Lexical(SearchCandidate candidate) => Logistic(Bm25(candidate), _lexical);

        public override double Combine(double vector, double lexical) => Math.Max(Weights.Vector * vector, Weights.Lexical * lexical);

        /// <summary>Mean and standard deviation over every candidate, a candidate the channel did not score counting as 0.</summary>
        private static (double Mean, double Deviation) Moments(IReadOnlyList<SearchCandidate> candidates, Func<SearchCandidate, double?> score)
        {
            if (candidates.Count == 0)
            {
                return (0, 0);
            }

            var mean = candidates.Average(c => score(c) ?? 0);
            var variance = candidates.Average(c => Math.Pow((score(c) ?? 0) - mean, 2));
            return (mean, Math.Sqrt(variance));
        }

        /// <summary>1 / (1 + e^−z) of the standard score z (0 when all scores are equal, so each then scores ½).</summary>
        private static double Logistic(double? score, (double Mean, double Deviation) moments)
        {
            if (score is not { } value)
            {
                return 0;
            }

            var z = moments.Deviation > 0 ? (value - moments.Mean) / moments.Deviation : 0;
            return 1 / (1 + Math.Exp(-z));
        }
    }

    /// <summary>Cosine ÷ the best cosine, BM25 ÷ the best BM25 of this query's candidates.</summary>
    private sealed class Relative : ChannelFusion
    {
        public override FusionMethod Method => FusionMethod.Score;

        private readonly double _bestVector;
        private readonly double _bestLexical;

        public Relative(IReadOnlyList<SearchCandidate> candidates, RankingOptions options)
        {
            Weights = SummingToOne(options);
            (_bestVector, _bestLexical) = (Best(candidates, Cosine), Best(candidates, Bm25));
        }

        public override double Vector(SearchCandidate candidate) => Ratio(Cosine(candidate), _bestVector);

        public override double Lexical(SearchCandidate candidate) => Ratio(Bm25(candidate), _bestLexical);
    }

    /// <summary>
    /// The cosine as it is, and BM25 ÷ the query's maximum. A text shorter than average can score a little above that
    /// maximum, so the scale is the larger of it and the best candidate's score; a store that cannot report the maximum
    /// falls back to the best candidate.
    /// </summary>
    private sealed class Absolute : ChannelFusion
    {
        public override FusionMethod Method => FusionMethod.AbsoluteScore;

        private readonly double _lexicalScale;

        public Absolute(IReadOnlyList<SearchCandidate> candidates, RankingOptions options)
        {
            Weights = SummingToOne(options);
            _lexicalScale = Math.Max(Best(candidates, Bm25), Best(candidates, c => c.LexicalMaximum));
        }

        public override double Vector(SearchCandidate candidate) => Math.Min(1, Cosine(candidate) ?? 0);

        public override double Lexical(SearchCandidate candidate) => Ratio(Bm25(candidate), _lexicalScale);
    }

    /// <summary>1 / (k + rank) relative to first place's 1 / (k + 1).</summary>
    private sealed class ReciprocalRank : ChannelFusion
    {
        public override FusionMethod Method => FusionMethod.ReciprocalRank;

        private readonly int _k;

        public ReciprocalRank(RankingOptions options) => (Weights, _k) = (SummingToOne(options), options.RrfK);

        public override double Vector(SearchCandidate candidate) => Reciprocal(candidate.VectorRank);

        public override double Lexical(SearchCandidate candidate) => Reciprocal(candidate.LexicalRank);

        private double Reciprocal(int? rank) => rank is { } r ? (_k + 1.0) / (_k + r) : 0;
    }
}
