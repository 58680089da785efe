namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The step table of the ingestion workflow, written once: the local runner dispatches through it
/// (<see cref="WorkflowStepInvoker"/>), the Durable activities are declared by these names and checked against it by a
/// test, and <see cref="IngestionServiceCollectionExtensions.AddMemoryIngestion"/> registers every handler it lists.
/// </summary>
/// <remarks>The names double as Durable Functions activity names, so renaming one breaks in-flight orchestrations: add new names instead.</remarks>
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

    /// <summary>Every step, in workflow order.</summary>
    public static IReadOnlyList<WorkflowStepDefinition> All { get; } =
    [
        WorkflowStepDefinition.Of<ReportProgressStep, ProgressInput, ProgressOutput>(ReportProgress),
        WorkflowStepDefinition.Of<ExtractFactsStep, ExtractInput, ExtractOutput>(ExtractFacts),
        WorkflowStepDefinition.Of<KeepTurnsStep, KeepTurnsInput, KeepTurnsOutput>(KeepTurns),
        WorkflowStepDefinition.Of<EmbedFactsStep, EmbedInput, EmbedOutput>(EmbedFacts),
        WorkflowStepDefinition.Of<FindSimilarStep, FindSimilarInput, FindSimilarOutput>(FindSimilar),
        WorkflowStepDefinition.Of<DecideStep, DecideInput, DecideOutput>(Decide),
        WorkflowStepDefinition.Of<ApplyStep, ApplyInput, ApplyOutput>(Apply),
        WorkflowStepDefinition.Of<RefreshSummariesStep, SummarizeInput, SummarizeOutput>(RefreshSummaries),
        WorkflowStepDefinition.Of<CompleteStep, CompleteInput, ProgressOutput>(Complete),
        WorkflowStepDefinition.Of<FailStep, FailInput, ProgressOutput>(Fail),
    ];

    /// <summary>The step named <paramref name="name"/>; a name the table does not list is a bug in the caller.</summary>
    public static WorkflowStepDefinition Named(string name) =>
        All.FirstOrDefault(step => step.Name == name) ?? throw new NotSupportedException($"The ingestion workflow has no step named '{name}'.");
}
