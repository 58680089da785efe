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

    /// <summary>1, or less for a turn said by someone other than the participants the query names (<see cref="NamedSpeakers"/>).</summary>
    public double Speaker { get; init; } = 1;

    /// <summary>1, or less for a memory of none of the times the query names (<see cref="NamedTimes"/>).</summary>
    public double Time { get; init; } = 1;

    public IReadOnlyList<string> NamedSpeakers { get; init; } = [];

    public IReadOnlyList<string> NamedTimes { get; init; } = [];

    /// <summary>Set on a current fact search added above a turn that only restated the statement it superseded: that turn's id.</summary>
    public string? CurrentFor { get; init; }
}
