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
    /// <see cref="FusionMethod.Standardized"/> and their sum for the others; Final = Fusion × Recency × Importance ×
    /// Speaker × Time.
    /// </summary>
    public FusionMethod Method { get; init; }

    /// <summary>The vector channel's part, 0..1 (0 when it did not find the memory, or for someone else's turn speaking to a person the query names).</summary>
    public double VectorNormalized { get; init; }

    /// <summary>The lexical channel's part, 0..1 (0 when it did not find the memory).</summary>
    public double LexicalNormalized { get; init; }

    /// <summary>The vector channel's weight as the fusion applied it.</summary>
    public double VectorWeight { get; init; }

    /// <summary>The lexical channel's weight as the fusion applied it.</summary>
    public double LexicalWeight { get; init; }

    /// <summary>The lexical score the query could reach at best in the partition, when the store reports it.</summary>
    public double? LexicalMaximum { get; init; }

    /// <summary>1, or less for a turn said by someone other than the conversation participants the query names (<see cref="NamedSpeakers"/>).</summary>
    public double Speaker { get; init; } = 1;

    /// <summary>1, or less for a memory of none of the times the query names (<see cref="NamedTimes"/>).</summary>
    public double Time { get; init; } = 1;

    /// <summary>The participants the query names (speakers of the conversation, or names turns without a speaker address), whose own turns it favours; empty when none.</summary>
    public IReadOnlyList<string> NamedSpeakers { get; init; } = [];

    /// <summary>
    /// Set on a current fact that search added because a kept turn among the results only restated the statement it
    /// superseded: the id of that turn, which then ranks just below it. The fact's score is the turn's.
    /// </summary>
    public string? CurrentFor { get; init; }

    /// <summary>The calendar times the query names ("May 2023", "7 May 2023"), whose memories it favours; empty when none.</summary>
    public IReadOnlyList<string> NamedTimes { get; init; } = [];
}
