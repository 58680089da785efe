namespace MemoryFunctions.Core.Search;

/// <summary>
/// Every component of a result's score, returned when a search asks to <c>explain</c>: each channel's raw score and rank,
/// and the final score's factors; the init-only members say how the fusion was made (see their remarks).
/// </summary>
public sealed record ScoreExplanation(
    double? VectorSimilarity,
    int? VectorRank,
    double? LexicalScore,
    int? LexicalRank,
    double Fusion,
    double Recency,
    double Importance,
    double Final)
{
    /// <summary>
    /// The fusion method this query used (the configured one, or <see cref="FusionMethod.ReciprocalRank"/> when a channel
    /// ranked without scoring, as Cosmos DB's full-text channel does): Fusion is max(VectorWeight × VectorNormalized, LexicalWeight × LexicalNormalized) for
    /// <see cref="FusionMethod.Standardized"/> and their sum for the others; Final = Fusion × Recency × Importance.
    /// </summary>
    public FusionMethod Method { get; init; }

    /// <summary>The vector channel's part, 0..1 (0 when it did not find the memory).</summary>
    public double VectorNormalized { get; init; }

    /// <summary>The lexical channel's part, 0..1 (0 when it did not find the memory).</summary>
    public double LexicalNormalized { get; init; }

    /// <summary>The vector channel's weight as the fusion applied it.</summary>
    public double VectorWeight { get; init; }

    /// <summary>The lexical channel's weight as the fusion applied it.</summary>
    public double LexicalWeight { get; init; }

    /// <summary>The lexical score the query could reach at best in the partition, when the store reports it.</summary>
    public double? LexicalMaximum { get; init; }
}
