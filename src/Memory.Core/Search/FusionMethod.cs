namespace MemoryFunctions.Core.Search;

/// <summary>How the vector and lexical channels are normalised to 0..1 and combined (see <see cref="ChannelFusion"/>).</summary>
public enum FusionMethod
{
    /// <summary>
    /// Each channel's score standardised against this query's candidates (how many standard deviations above their mean,
    /// mapped to 0..1 by the logistic function), and a candidate counts by its stronger channel (the weighted maximum).
    /// A channel whose best hit barely stands out from its other hits (a common word matched everywhere, a cosine no
    /// higher than the small talk's) cannot pull down what the other channel found with confidence.
    /// </summary>
    Standardized,

    /// <summary>Each channel's score ÷ that channel's best candidate for this query, weighted and summed: the best of each channel scores 1, however weak.</summary>
    Score,

    /// <summary>The cosine as it is and BM25 ÷ the query's own maximum (what a text with every query term would score), weighted and summed.</summary>
    AbsoluteScore,

    /// <summary>Weighted reciprocal rank fusion, 1 / (k + rank) per channel, summed: ignores how far apart the scores are.</summary>
    ReciprocalRank,
}
