namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Names of the ingestion workflow's steps. They double as Durable Functions activity names, so renaming one breaks
/// in-flight orchestrations: add new names instead.
/// </summary>
public static class WorkflowSteps
{
    public const string ReportProgress = "Ingestion_ReportProgress";
    public const string ExtractFacts = "Ingestion_ExtractFacts";
    public const string KeepTurns = "Ingestion_KeepTurns";
    public const string EmbedFacts = "Ingestion_EmbedFacts";
    public const string FindSimilar = "Ingestion_FindSimilar";
    public const string Decide = "Ingestion_Decide";
    public const string Apply = "Ingestion_Apply";
    public const string RefreshSummaries = "Ingestion_RefreshSummaries";
    public const string Complete = "Ingestion_Complete";
    public const string Fail = "Ingestion_Fail";

    /// <summary>Every step name, in workflow order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ReportProgress, ExtractFacts, KeepTurns, EmbedFacts, FindSimilar, Decide, Apply, RefreshSummaries, Complete, Fail];
}
