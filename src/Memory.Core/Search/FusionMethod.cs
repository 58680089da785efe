namespace MemoryFunctions.Core.Search;

/// <summary>How the vector and lexical channels are combined into one fusion score in 0..1.</summary>
public enum FusionMethod
{
    /// <summary>
    /// Each channel's score relative to that channel's best candidate for this query (cosine ÷ best cosine, BM25 ÷ best
    /// BM25), weighted and averaged: a channel that is sure (one clear winner) outweighs one that is not.
    /// </summary>
    Score,

    /// <summary>Weighted reciprocal rank fusion, 1 / (k + rank) per channel: ignores how far apart the scores are.</summary>
    ReciprocalRank,
}
