using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// Runs workflow steps in-process: by name through Core's step table (<see cref="WorkflowStepInvoker"/>), retrying failures with the step's
/// back-off (delays from the <see cref="TimeProvider"/>), except failures that retrying cannot fix
/// (<see cref="StepFailures.IsPermanent"/>) and cancellation (shutdown: the operation stays resumable).
/// Nothing is replayed, so <see cref="IsReplaying"/> is always false.
/// </summary>
public sealed class LocalWorkflowContext(WorkflowStepInvoker steps, TimeProvider timeProvider, ILogger logger, string operationId, CancellationToken cancellationToken) : IWorkflowContext
{
    public DateTimeOffset CurrentUtcDateTime => timeProvider.GetUtcNow();

    public bool IsReplaying => false;

    public async Task<TResult> CallStepAsync<TInput, TResult>(string stepName, TInput input, StepRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(retry);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (TResult)(await steps.RunAsync(stepName, input, cancellationToken))!;
            }
            catch (Exception exception) when (attempt < retry.MaxAttempts && !cancellationToken.IsCancellationRequested && exception is not OperationCanceledException && !StepFailures.IsPermanent(exception))
            {
                var delay = retry.DelayBefore(attempt + 1);
                Log.StepRetrying(logger, exception, stepName, operationId, attempt, retry.MaxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }
}
