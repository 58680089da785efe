namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The step table of the ingestion workflow, written once and typed: the workflow calls a row
/// (<see cref="IWorkflowContext.CallStepAsync{TInput, TOutput}"/>), so the compiler holds every call to the step's input
/// and output; the local runner runs the row's handler (<see cref="WorkflowStep{TInput, TOutput}.RunAsync"/>), the Durable
/// activities run the same rows under the same names, and <see cref="IngestionServiceCollectionExtensions.AddMemoryIngestion"/>
/// registers every handler listed.
/// </summary>
public static class WorkflowSteps
{
    public static WorkflowStep<ProgressInput, ProgressOutput> ReportProgress { get; } =
        WorkflowStep.Of<ReportProgressStep, ProgressInput, ProgressOutput>(WorkflowStepNames.ReportProgress);

    public static WorkflowStep<ExtractInput, ExtractOutput> ExtractFacts { get; } =
        WorkflowStep.Of<ExtractFactsStep, ExtractInput, ExtractOutput>(WorkflowStepNames.ExtractFacts);

    public static WorkflowStep<KeepTurnsInput, KeepTurnsOutput> KeepTurns { get; } =
        WorkflowStep.Of<KeepTurnsStep, KeepTurnsInput, KeepTurnsOutput>(WorkflowStepNames.KeepTurns);

    public static WorkflowStep<ReconcileInput, DecideOutput> Reconcile { get; } =
        WorkflowStep.Of<ReconcileStep, ReconcileInput, DecideOutput>(WorkflowStepNames.Reconcile);

    public static WorkflowStep<ApplyInput, ApplyOutput> Apply { get; } =
        WorkflowStep.Of<ApplyStep, ApplyInput, ApplyOutput>(WorkflowStepNames.Apply);

    public static WorkflowStep<SummarizeInput, SummarizeOutput> RefreshSummaries { get; } =
        WorkflowStep.Of<RefreshSummariesStep, SummarizeInput, SummarizeOutput>(WorkflowStepNames.RefreshSummaries);

    public static WorkflowStep<CompleteInput, ProgressOutput> Complete { get; } =
        WorkflowStep.Of<CompleteStep, CompleteInput, ProgressOutput>(WorkflowStepNames.Complete);

    public static WorkflowStep<FailInput, ProgressOutput> Fail { get; } =
        WorkflowStep.Of<FailStep, FailInput, ProgressOutput>(WorkflowStepNames.Fail);

    /// <summary>Every step, in workflow order.</summary>
    public static IReadOnlyList<WorkflowStep> All { get; } =
        [ReportProgress, ExtractFacts, KeepTurns, Reconcile, Apply, RefreshSummaries, Complete, Fail];
}
