using System.Collections.Concurrent;

namespace MemoryFunctions.Testing;

/// <summary>
/// A settable clock whose timers fire at once: code that waits through <c>Task.Delay(delay, timeProvider)</c> (retry
/// back-off) runs without waiting, and every requested delay is recorded for assertions.
/// </summary>
public sealed class ImmediateTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private DateTimeOffset _now = start;

    public ImmediateTimeProvider()
        : this(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Due times of every timer created, in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void SetUtcNow(DateTimeOffset value) => _now = value;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}
