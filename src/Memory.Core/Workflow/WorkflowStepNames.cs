namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The steps' names, as constants because the Functions host declares its activities with them in attributes
/// (<c>[Function(WorkflowStepNames.Apply)]</c>); everything else reaches a step through its typed row in <see cref="WorkflowSteps"/>.
/// </summary>
/// <remarks>The names are Durable Functions activity names, so renaming one breaks in-flight orchestrations: add new names instead.</remarks>
public static class WorkflowStepNames
{
    public const string ReportProgress = "Ingestion_ReportProgress";
    public const string ExtractFacts = "Ingestion_ExtractFacts";
    public const string KeepTurns = "Ingestion_KeepTurns";
    public const string Reconcile = "Ingestion_Reconcile";
    public const string Apply = "Ingestion_Apply";
    public const string RefreshSummaries = "Ingestion_RefreshSummaries";
    public const string Complete = "Ingestion_Complete";
    public const string Fail = "Ingestion_Fail";
}
