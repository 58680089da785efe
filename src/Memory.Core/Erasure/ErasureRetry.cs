using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// How an erase waits out a store that fails transiently (throttling included): the store's hint, but never less than a
/// growing back-off. Used for a whole step by <see cref="InProcessErasure"/> and for the progress write inside
/// <see cref="ErasureSteps.DeleteAsync"/>, whose chunk is already deleted and must not go uncounted.
/// </summary>
public static class ErasureRetry
{
    /// <summary>How often one call is tried while the store keeps failing transiently.</summary>
    public static StepRetryPolicy Policy { get; } = new(20, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(30));

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(timeProvider);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (StoreFailureException failure) when (failure.IsTransient && attempt < Policy.MaxAttempts)
            {
                // A hint sized for one request (Cosmos DB's is the time until the budget covers *a* request) re-admits only
                // the first of a step's several requests, and a step retried at the hint alone can spend all its attempts
                // within a second while the account is busy.
                var backOff = Policy.DelayBefore(attempt + 1);
                await Task.Delay(failure.RetryAfter is { } hint && hint > backOff ? hint : backOff, timeProvider, cancellationToken);
            }
        }
    }

    public static Task RunAsync(Func<Task> call, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        RunAsync(async () => { await call(); return true; }, timeProvider, cancellationToken);
}
