using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// A background erase run in-process (the local runner over Cosmos DB): count, delete chunk after chunk, finish. A
/// transient store failure is waited out (the store's own retry-after or the step back-off, whichever is longer) and
/// retried, the final write included (a throttled end would leave the operation running until the next start); anything
/// else ends the erase as failed (the data stays hidden; erasing again finishes it). Cancellation (shutdown) leaves the
/// operation running in the store, and the runner resumes it at its next start: every step is idempotent.
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

        var end = new ErasureEnd(input, InstancesLeft: null, failure);
        await RetryAsync(async () => { await steps.FinishAsync(end, cancellationToken); return true; }, timeProvider, cancellationToken);
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
                // The store's hint, but never less than the growing back-off: a hint sized for one request (Cosmos DB's is
                // the time until the budget covers *a* request) re-admits only the first of a step's several requests, and a
                // step retried at the hint alone can spend all its attempts within a second while the account is busy.
                var backOff = Retry.DelayBefore(attempt + 1);
                await Task.Delay(failure.RetryAfter is { } hint && hint > backOff ? hint : backOff, timeProvider, cancellationToken);
            }
        }
    }
}
