using System.Diagnostics;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// Requests at a fixed arrival rate, whether or not earlier ones have answered (as independent agents would send them),
/// for a fixed duration. Latency counts from each request's scheduled time, so a stalled server is charged for the
/// requests it delayed (no coordinated omission). In-flight requests are capped so an overloaded server cannot make the
/// run unbounded.
/// </summary>
internal static class OpenLoop
{
    private const int MaxInFlight = 256;

    public static async Task<LoadResult> RunAsync(
        string scenario, double perSecond, TimeSpan duration, Func<int, CancellationToken, Task<string?>> send, CancellationToken cancellationToken = default)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var samples = new List<double>(total);
        var gate = new Lock();
        var errors = 0;
        string? firstError = null;
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var tasks = new List<Task>(total);
        var wall = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = origin + (long)(i / perSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await inFlight.WaitAsync(cancellationToken);
            var index = i;
            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var failure = await send(index, cancellationToken);
                        var elapsed = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                        lock (gate)
                        {
                            if (failure is null)
                            {
                                samples.Add(elapsed);
                            }
                            else
                            {
                                errors++;
                                firstError ??= failure;
                            }
                        }
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks);
        wall.Stop();
        return new LoadResult(scenario, 0, new Percentiles(samples), errors, wall.Elapsed, firstError);
    }
}
