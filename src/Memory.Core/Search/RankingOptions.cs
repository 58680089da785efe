using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Weights of hybrid ranking. Fusion defaults were chosen on the quality benchmark's "dev" split (bench/Memory.Bench
/// quality dev) and are reported on its held-apart "report" split; the recency half-life is a month.
/// </summary>
public sealed class RankingOptions
{
    public const string SectionName = "Memory:Ranking";

    /// <summary>How the two channels are combined (see <see cref="FusionMethod"/>).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Standardized;

    /// <summary>
    /// Weight of the vector channel in the fusion (relative to <see cref="LexicalWeight"/>). Equal weights with
    /// <see cref="FusionMethod.Standardized"/> beat the better channel by the widest margin of the dev grid with both the
    /// MiniLM model and the hashing embedder (docs/performance.md); unequal weights under a maximum silence the lighter channel.
    /// </summary>
    [Range(0.0, 100.0)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>Weight of the lexical (BM25 / full-text) channel in the fusion.</summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; set; } = 1.0;

    /// <summary>The RRF constant k in 1 / (k + rank), for <see cref="FusionMethod.ReciprocalRank"/>.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>How far recency may pull a score down: 0 ignores age, 1 lets a very old memory fall to zero.</summary>
    [Range(0.0, 1.0)]
    public double RecencyWeight { get; set; } = 0.2;

    /// <summary>Age at which the recency factor has fallen half way.</summary>
    public TimeSpan RecencyHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How much importance (0..1) may pull a score down.</summary>
    [Range(0.0, 1.0)]
    public double ImportanceWeight { get; set; } = 0.2;

    /// <summary>
    /// How far a turn said by someone other than the participants a query names falls ("What does Sam hope…": the other
    /// speaker's "Thanks, Sam!" is not about Sam's plans). 0 turns speaker focus off. 0.5 was chosen on the dev seed of
    /// <c>conversations long</c> (0.3 and 0.5 tried; docs/performance.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double SpeakerWeight { get; set; } = 0.5;

    /// <summary>
    /// How far a memory of none of the times a query names falls ("Which city did Maya visit in May 2023?"). 0 turns time
    /// focus off; 0.5 chosen with <see cref="SpeakerWeight"/>.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TimeWeight { get; set; } = 0.5;

    /// <summary>Candidates fetched per channel for each result asked for: more improves fusion, costs more reads.</summary>
    [Range(1, 20)]
    public int CandidateMultiplier { get; set; } = 4;
}
