using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// Runs workflow steps in-process: by name against <see cref="IngestionSteps"/>, retrying failures with the step's
/// back-off (delays from the <see cref="TimeProvider"/>), except failures that retrying cannot fix
/// (<see cref="StepFailures.IsPermanent"/>) and cancellation (shutdown: the operation stays resumable).
/// Nothing is replayed, so <see cref="IsReplaying"/> is always false.
/// </summary>
public sealed class LocalWorkflowContext(IngestionSteps steps, TimeProvider timeProvider, ILogger logger, string operationId, CancellationToken cancellationToken) : IWorkflowContext
{
    public DateTimeOffset CurrentUtcDateTime => timeProvider.GetUtcNow();

    public bool IsReplaying => false;

    public async Task<TResult> CallStepAsync<TInput, TResult>(string stepName, TInput input, StepRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (TResult)await InvokeAsync(stepName, input);
            }
            catch (Exception exception) when (attempt < retry.MaxAttempts && !cancellationToken.IsCancellationRequested && exception is not OperationCanceledException && !StepFailures.IsPermanent(exception))
            {
                var delay = retry.DelayBefore(attempt + 1);
                Log.StepRetrying(logger, exception, stepName, operationId, attempt, retry.MaxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    private async Task<object> InvokeAsync<TInput>(string stepName, TInput input) => stepName switch
    {
        WorkflowSteps.ReportProgress => await steps.ReportProgressAsync(As<ProgressInput>(input), cancellationToken),
        WorkflowSteps.ExtractFacts => await steps.ExtractFactsAsync(As<ExtractInput>(input), cancellationToken),
        WorkflowSteps.KeepTurns => await steps.KeepTurnsAsync(As<KeepTurnsInput>(input), cancellationToken),
        WorkflowSteps.EmbedFacts => await steps.EmbedFactsAsync(As<EmbedInput>(input), cancellationToken),
        WorkflowSteps.FindSimilar => await steps.FindSimilarAsync(As<FindSimilarInput>(input), cancellationToken),
        WorkflowSteps.Decide => await steps.DecideAsync(As<DecideInput>(input), cancellationToken),
        WorkflowSteps.Apply => await steps.ApplyAsync(As<ApplyInput>(input), cancellationToken),
        WorkflowSteps.RefreshSummaries => await steps.RefreshSummariesAsync(As<SummarizeInput>(input), cancellationToken),
        WorkflowSteps.Complete => await steps.CompleteAsync(As<CompleteInput>(input), cancellationToken),
        WorkflowSteps.Fail => await steps.FailAsync(As<FailInput>(input), cancellationToken),
        _ => throw new NotSupportedException($"The ingestion workflow has no step named '{stepName}'."),
    };

    private static T As<T>(object? input) =>
        input is T typed ? typed : throw new ArgumentException($"Step input must be a {typeof(T).Name}.", nameof(input));
}
