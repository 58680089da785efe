using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// A background erase run in-process (the local runner over Cosmos DB): count, delete chunk after chunk, finish. A
/// transient store failure is waited out (the store's own retry-after, else the step back-off) and retried; anything else
/// ends the erase as failed (the data stays hidden; erasing again finishes it). Cancellation (shutdown) leaves the operation
/// running in the store, and the runner resumes it at its next start: every step is idempotent.
/// </summary>
public static class InProcessErasure
{
    /// <summary>How often one step is tried while the store keeps failing transiently (throttling included).</summary>
    private static readonly StepRetryPolicy Retry = new(20, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(30));

    public static async Task RunAsync(ErasureSteps steps, ErasureStepInput input, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(timeProvider);
        string? failure = null;
        try
        {
            await RetryAsync(async () => { await steps.CountAsync(input, cancellationToken); return true; }, timeProvider, cancellationToken);
            while (!await RetryAsync(() => steps.DeleteAsync(input, cancellationToken), timeProvider, cancellationToken))
            {
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = exception.GetType().Name;
        }

        await steps.FinishAsync(new ErasureEnd(input, InstancesLeft: null, failure), cancellationToken);
    }

    private static async Task<bool> RetryAsync(Func<Task<bool>> step, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (StoreFailureException failure) when (failure.IsTransient && attempt < Retry.MaxAttempts)
            {
                await Task.Delay(failure.RetryAfter ?? Retry.DelayBefore(attempt + 1), timeProvider, cancellationToken);
            }
        }
    }
}
