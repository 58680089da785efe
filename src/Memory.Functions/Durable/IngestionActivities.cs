using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// One activity per workflow step, named by <see cref="WorkflowSteps"/> (the Functions model has no generic dispatch).
/// Each delegates to <see cref="IngestionSteps"/>, whose steps are idempotent because activities run at least once.
/// </summary>
public sealed class IngestionActivities(IngestionSteps steps)
{
    [Function(WorkflowSteps.ReportProgress)]
    public Task<ProgressOutput> ReportProgressAsync([ActivityTrigger] ProgressInput input, CancellationToken cancellationToken) =>
        steps.ReportProgressAsync(input, cancellationToken);

    [Function(WorkflowSteps.ExtractFacts)]
    public Task<ExtractionResult> ExtractFactsAsync([ActivityTrigger] ExtractInput input, CancellationToken cancellationToken) =>
        steps.ExtractFactsAsync(input, cancellationToken);

    [Function(WorkflowSteps.KeepTurns)]
    public Task<KeepTurnsOutput> KeepTurnsAsync([ActivityTrigger] KeepTurnsInput input, CancellationToken cancellationToken) =>
        steps.KeepTurnsAsync(input, cancellationToken);

    [Function(WorkflowSteps.EmbedFacts)]
    public Task<EmbedOutput> EmbedFactsAsync([ActivityTrigger] EmbedInput input, CancellationToken cancellationToken) =>
        steps.EmbedFactsAsync(input, cancellationToken);

    [Function(WorkflowSteps.FindSimilar)]
    public Task<FindSimilarOutput> FindSimilarAsync([ActivityTrigger] FindSimilarInput input, CancellationToken cancellationToken) =>
        steps.FindSimilarAsync(input, cancellationToken);

    [Function(WorkflowSteps.Decide)]
    public Task<DecideOutput> DecideAsync([ActivityTrigger] DecideInput input, CancellationToken cancellationToken) =>
        steps.DecideAsync(input, cancellationToken);

    [Function(WorkflowSteps.Apply)]
    public Task<ApplyOutput> ApplyAsync([ActivityTrigger] ApplyInput input, CancellationToken cancellationToken) =>
        steps.ApplyAsync(input, cancellationToken);

    [Function(WorkflowSteps.RefreshSummaries)]
    public Task<SummarizeOutput> RefreshSummariesAsync([ActivityTrigger] SummarizeInput input, CancellationToken cancellationToken) =>
        steps.RefreshSummariesAsync(input, cancellationToken);

    [Function(WorkflowSteps.Complete)]
    public Task<ProgressOutput> CompleteAsync([ActivityTrigger] CompleteInput input, CancellationToken cancellationToken) =>
        steps.CompleteAsync(input, cancellationToken);

    [Function(WorkflowSteps.Fail)]
    public Task<ProgressOutput> FailAsync([ActivityTrigger] FailInput input, CancellationToken cancellationToken) =>
        steps.FailAsync(input, cancellationToken);
}
