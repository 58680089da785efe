namespace MemoryFunctions.Client.Models;

/// <summary>
/// Each ranking component of a search result (only with <c>Explain</c>): the channels' raw scores and ranks, the factors
/// of the final score, and how the fusion was made (method, each channel's normalised part in 0..1 and its weight).
/// </summary>
public sealed record ScoreExplanation(
    double? VectorSimilarity, int? VectorRank, double? LexicalScore, int? LexicalRank, double Fusion, double Recency, double Importance, double Final)
{
    public string? Method { get; init; }

    public double VectorNormalized { get; init; }

    public double LexicalNormalized { get; init; }

    public double VectorWeight { get; init; }

    public double LexicalWeight { get; init; }

    public double? LexicalMaximum { get; init; }
}
