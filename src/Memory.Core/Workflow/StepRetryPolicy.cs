namespace MemoryFunctions.Core.Workflow;

/// <summary>Exponential back-off: attempt n (n ≥ 2) waits <c>FirstDelay * BackoffCoefficient^(n-2)</c>, capped at <see cref="MaxDelay"/>.</summary>
public sealed record StepRetryPolicy(int MaxAttempts, TimeSpan FirstDelay, double BackoffCoefficient, TimeSpan MaxDelay)
{
    /// <summary>Store and model calls: a few quick retries ride out throttling and restarts.</summary>
    public static StepRetryPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(200), 2.0, TimeSpan.FromSeconds(10));

    public TimeSpan DelayBefore(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(BackoffCoefficient, attempt - 2)));
}
