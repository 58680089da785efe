namespace MemoryFunctions.Bench.CosmosErase;

/// <summary>
/// A virtual clock for a throughput-bound run: a one-shot timer (<c>Task.Delay</c> on this clock) moves the clock to its due
/// time at once and fires. Several waiters started together move it to the latest of their due times, not the sum, so the
/// elapsed time is what the waits would take in parallel; the work between waits takes no virtual time. Periodic timers
/// are refused: a loop on one would run the clock away.
/// </summary>
internal sealed class JumpingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
        {
            throw new NotSupportedException("Only one-shot timers run on the jumping clock.");
        }

        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            var due = GetUtcNow().UtcTicks + dueTime.Ticks;
            long seen;
            while ((seen = Interlocked.Read(ref _ticks)) < due && Interlocked.CompareExchange(ref _ticks, due, seen) != seen)
            {
            }

            ThreadPool.QueueUserWorkItem(static pending => pending.callback(pending.state), (callback, state), preferLocal: false);
        }

        return Fired.Instance;
    }

    private sealed class Fired : ITimer
    {
        public static readonly Fired Instance = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
