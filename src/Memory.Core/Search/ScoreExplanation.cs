namespace MemoryFunctions.Core.Search;

/// <summary>Every component of a result's score, returned when a search asks to <c>explain</c>.</summary>
public sealed record ScoreExplanation(
    double? VectorSimilarity,
    int? VectorRank,
    double? LexicalScore,
    int? LexicalRank,
    double Fusion,
    double Recency,
    double Importance,
    double Final);
