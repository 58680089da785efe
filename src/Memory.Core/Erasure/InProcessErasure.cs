namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// A background erase run in-process (the local runner over Cosmos DB): count, delete chunk after chunk, finish. A
/// transient store failure is waited out and retried (<see cref="ErasureRetry"/>), the final write included (a throttled
/// end would leave the operation running until the next start); anything else ends the erase as failed (the data stays hidden; erasing again finishes it). Cancellation (shutdown) leaves the
/// operation running in the store, and the runner resumes it at its next start: every step is idempotent.
/// </summary>
public static class InProcessErasure
{
    public static async Task RunAsync(ErasureSteps steps, ErasureStepInput input, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(timeProvider);
        string? failure = null;
        try
        {
            await ErasureRetry.RunAsync(() => steps.CountAsync(input, cancellationToken), timeProvider, cancellationToken);
            while (!await ErasureRetry.RunAsync(() => steps.DeleteAsync(input, cancellationToken), timeProvider, cancellationToken))
            {
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = exception.GetType().Name;
        }

        var end = new ErasureEnd(input, InstancesLeft: null, failure);
        await ErasureRetry.RunAsync(() => steps.FinishAsync(end, cancellationToken), timeProvider, cancellationToken);
    }
}
