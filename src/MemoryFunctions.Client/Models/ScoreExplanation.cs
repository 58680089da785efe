namespace MemoryFunctions.Client.Models;

/// <summary>Each ranking component of a search result (only with <c>Explain</c>).</summary>
public sealed record ScoreExplanation(
    double? VectorSimilarity, int? VectorRank, double? LexicalScore, int? LexicalRank, double Fusion, double Recency, double Importance, double Final);
