using System.Diagnostics;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// How long a ready thread waits for a core on this machine right now: a thread of its own sleeps 1 ms in a loop and
/// records how late it wakes. On an idle machine that is well under 0.1 ms; on an oversubscribed one it is the delay any
/// request pays at every hand-off between threads, which no server code can remove.
/// </summary>
internal sealed class SchedulerProbe
{
    private readonly List<double> _lateness = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public SchedulerProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "scheduler probe" };
        _thread.Start();
    }

    /// <summary>Stops the probe and returns how late its wake-ups were, in milliseconds.</summary>
    public Percentiles Stop()
    {
        _stop = true;
        _thread.Join();
        return new Percentiles(_lateness);
    }

    private void Run()
    {
        while (!_stop)
        {
            var started = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            _lateness.Add(Math.Max(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds - 1));
        }
    }
}
