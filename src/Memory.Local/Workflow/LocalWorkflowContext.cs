using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Workflow;

/// <summary>
/// Runs workflow steps in-process: each row's handler from <paramref name="services"/> (<see cref="WorkflowStep{TInput, TOutput}.RunAsync"/>),
/// retrying failures with the step's back-off (delays from the <see cref="TimeProvider"/>), except a
/// <see cref="PermanentStepException"/> and cancellation (shutdown: the operation stays resumable).
/// Nothing is replayed, so <see cref="IsReplaying"/> is always false.
/// </summary>
public sealed class LocalWorkflowContext(IServiceProvider services, TimeProvider timeProvider, ILogger logger, string operationId, CancellationToken cancellationToken) : IWorkflowContext
{
    public DateTimeOffset CurrentUtcDateTime => timeProvider.GetUtcNow();

    public bool IsReplaying => false;

    public async Task<TOutput> CallStepAsync<TInput, TOutput>(WorkflowStep<TInput, TOutput> workflowStep, TInput input, StepRetryPolicy retry)
        where TInput : class
    {
        ArgumentNullException.ThrowIfNull(workflowStep);
        ArgumentNullException.ThrowIfNull(retry);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await workflowStep.RunAsync(services, input, cancellationToken);
            }
            catch (StepFailedException exception) when (attempt < retry.MaxAttempts && !cancellationToken.IsCancellationRequested && exception is not PermanentStepException)
            {
                var delay = retry.DelayBefore(attempt + 1);
                Log.StepRetrying(logger, exception.InnerException ?? exception, workflowStep.Name, operationId, attempt, retry.MaxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }
}
