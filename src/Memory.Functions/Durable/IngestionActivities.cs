using MemoryFunctions.Core.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// One activity per row of Core's step table (<see cref="WorkflowSteps.All"/>). The worker's source generator finds
/// functions only by their <c>[Function]</c> attributes, so each row is declared here by its name constant; the body is
/// the table's own handler (<see cref="WorkflowStepInvoker"/>, which refuses a signature the table does not list), and a
/// test holds these declarations and the generated <c>functions.metadata</c> to the table. Activities run at least once;
/// the steps are idempotent.
/// </summary>
public sealed class IngestionActivities(WorkflowStepInvoker steps)
{
    [Function(WorkflowSteps.ReportProgress)]
    public Task<ProgressOutput> ReportProgressAsync([ActivityTrigger] ProgressInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<ProgressInput, ProgressOutput>(WorkflowSteps.ReportProgress, input, cancellationToken);

    [Function(WorkflowSteps.ExtractFacts)]
    public Task<ExtractOutput> ExtractFactsAsync([ActivityTrigger] ExtractInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<ExtractInput, ExtractOutput>(WorkflowSteps.ExtractFacts, input, cancellationToken);

    [Function(WorkflowSteps.KeepTurns)]
    public Task<KeepTurnsOutput> KeepTurnsAsync([ActivityTrigger] KeepTurnsInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<KeepTurnsInput, KeepTurnsOutput>(WorkflowSteps.KeepTurns, input, cancellationToken);

    [Function(WorkflowSteps.EmbedFacts)]
    public Task<EmbedOutput> EmbedFactsAsync([ActivityTrigger] EmbedInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<EmbedInput, EmbedOutput>(WorkflowSteps.EmbedFacts, input, cancellationToken);

    [Function(WorkflowSteps.FindSimilar)]
    public Task<FindSimilarOutput> FindSimilarAsync([ActivityTrigger] FindSimilarInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<FindSimilarInput, FindSimilarOutput>(WorkflowSteps.FindSimilar, input, cancellationToken);

    [Function(WorkflowSteps.Decide)]
    public Task<DecideOutput> DecideAsync([ActivityTrigger] DecideInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<DecideInput, DecideOutput>(WorkflowSteps.Decide, input, cancellationToken);

    [Function(WorkflowSteps.Apply)]
    public Task<ApplyOutput> ApplyAsync([ActivityTrigger] ApplyInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<ApplyInput, ApplyOutput>(WorkflowSteps.Apply, input, cancellationToken);

    [Function(WorkflowSteps.RefreshSummaries)]
    public Task<SummarizeOutput> RefreshSummariesAsync([ActivityTrigger] SummarizeInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<SummarizeInput, SummarizeOutput>(WorkflowSteps.RefreshSummaries, input, cancellationToken);

    [Function(WorkflowSteps.Complete)]
    public Task<ProgressOutput> CompleteAsync([ActivityTrigger] CompleteInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<CompleteInput, ProgressOutput>(WorkflowSteps.Complete, input, cancellationToken);

    [Function(WorkflowSteps.Fail)]
    public Task<ProgressOutput> FailAsync([ActivityTrigger] FailInput input, CancellationToken cancellationToken) =>
        steps.RunAsync<FailInput, ProgressOutput>(WorkflowSteps.Fail, input, cancellationToken);
}
