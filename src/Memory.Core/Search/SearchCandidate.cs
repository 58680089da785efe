using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// A memory found by at least one retrieval channel. Ranks are 1-based positions in that channel's list; a null rank
/// means the channel did not return it. Similarity is cosine (−1..1); the lexical score is BM25-like and unbounded.
/// <paramref name="LexicalMaximum"/> is the lexical score this query could reach at best in the partition (the same for
/// every candidate of one search; see the local store's BM25 index), null when the store cannot tell.
/// </summary>
public sealed record SearchCandidate(
    MemoryRecord Memory, double? VectorSimilarity, int? VectorRank, double? LexicalScore, int? LexicalRank, double? LexicalMaximum = null);
