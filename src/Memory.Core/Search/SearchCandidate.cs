using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// A memory found by at least one retrieval channel. Ranks are 1-based positions in that channel's list; a null rank
/// means the channel did not return it. Similarity is cosine (−1..1); the lexical score is BM25-like and unbounded.
/// </summary>
public sealed record SearchCandidate(MemoryRecord Memory, double? VectorSimilarity, int? VectorRank, double? LexicalScore, int? LexicalRank);
