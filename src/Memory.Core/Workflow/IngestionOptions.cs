using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Settings of the ingestion workflow's steps, bound from <c>Memory:Ingestion</c> and validated at start-up.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Memory:Ingestion";

    /// <summary>Existing memories considered per candidate fact (top N by vector similarity). More costs reconciler tokens.</summary>
    [Range(1, 50, ErrorMessage = "Memory:Ingestion:MaxNeighbours must be between 1 and 50 (default 5).")]
    public int MaxNeighbours { get; set; } = 5;

    /// <summary>
    /// Facts worked on per request: extraction may find more in a long body (how many is known only after extraction),
    /// and every fact costs a search, a decision (a model call with a chat model) and writes. Facts past the cap are not
    /// reconciled; the turns that stated them are still kept verbatim, and the operation's <c>truncation</c> counts them.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Memory:Ingestion:MaxFactsPerRequest must be between 1 and 1000 (default 100).")]
    public int MaxFactsPerRequest { get; set; } = 100;

    /// <summary>
    /// Longest fact worked on, in characters. A fact is a short statement; a longer "fact" is a quoted passage, which the
    /// kept turn already holds. Facts cross orchestration history by value (the turns do not), so this and
    /// <see cref="MaxFactsPerRequest"/> bound the history of an operation whatever the turns' length; longer ones are counted
    /// in the operation's <c>truncation</c> like facts past the count.
    /// </summary>
    [Range(100, 8000, ErrorMessage = "Memory:Ingestion:MaxFactLength must be between 100 and 8000 characters (default 1000).")]
    public int MaxFactLength { get; set; } = 1000;

    /// <summary>
    /// Decisions listed on an operation. All are applied; past the cap they are only counted (the operation's
    /// <c>truncation</c>), which keeps the operation item far below a store's size limit (Cosmos DB: 2 MB).
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Memory:Ingestion:MaxDecisionsRecorded must be between 1 and 10000 (default 500).")]
    public int MaxDecisionsRecorded { get; set; } = 500;

    /// <summary>
    /// Cosine similarity below which an existing memory is not a neighbour. Memories with the same slot are neighbours
    /// whatever their similarity, and retractions ignore the threshold, so that "no longer eats meat" can reach "Loves steak".
    /// </summary>
    [Range(-1.0, 1.0, ErrorMessage = "Memory:Ingestion:MinSimilarity must be a cosine similarity between -1 and 1 (default 0.5).")]
    public double MinSimilarity { get; set; } = 0.5;

    /// <summary>The session summary is refreshed once this many turns are pending; turns in between are buffered on the summary.</summary>
    [Range(1, 1000, ErrorMessage = "Memory:Ingestion:SessionSummaryEveryTurns must be between 1 and 1000 (default 4).")]
    public int SessionSummaryEveryTurns { get; set; } = 4;

    /// <summary>The user profile is refreshed once this many fact changes are pending; changes in between are buffered on the profile.</summary>
    [Range(1, 1000, ErrorMessage = "Memory:Ingestion:ProfileEveryFacts must be between 1 and 1000 (default 1).")]
    public int ProfileEveryFacts { get; set; } = 1;

    /// <summary>
    /// How far (summed Jaccard distance of its terms, 0–1 per refresh) a session summary's or profile's text may move before
    /// its vector is made again. Only a search naming kinds summary or profile uses those vectors, and embedding every
    /// refresh was most of the model's work per turn; 0 embeds on every change.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Memory:Ingestion:SummaryReembedDrift must be between 0 (embed every change) and 1 (default 0.3).")]
    public double SummaryReembedDrift { get; set; } = 0.3;

    [Range(32, 8000, ErrorMessage = "Memory:Ingestion:SessionSummaryMaxTokens must be between 32 and 8000 (default 400).")]
    public int SessionSummaryMaxTokens { get; set; } = 400;

    [Range(32, 8000, ErrorMessage = "Memory:Ingestion:ProfileMaxTokens must be between 32 and 8000 (default 300).")]
    public int ProfileMaxTokens { get; set; } = 300;

    /// <summary>Keep every ingested user and assistant turn verbatim as a searchable record (default true); false keeps only extracted facts.</summary>
    public bool KeepTurns { get; set; } = true;

    /// <summary>How long a kept turn lives after it was recorded; unset (default) keeps it until the user is erased.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "36500.00:00:00", ErrorMessage = "Memory:Ingestion:TurnTimeToLive must be a time span between 00:01:00 and 36500.00:00:00 such as 90.00:00:00 (90 days), or unset to keep turns until erasure; Memory:Ingestion:KeepTurns=false keeps none.")]
    public TimeSpan? TurnTimeToLive { get; set; }

    /// <summary>
    /// Keep an operation's turns in its record after it finished (default false: the record keeps them only while the
    /// operation is queued or running, so a restart can resume it; docs/ingestion.md "Kept turns" lists every copy).
    /// </summary>
    public bool KeepFinishedRequests { get; set; }
}
