using System.Diagnostics;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// A fixed number of callers, each sending its next request as soon as the previous one answered, until a request count or
/// a deadline is reached, whichever comes first: the run always stops by itself.
/// </summary>
internal static class ClosedLoop
{
    /// <param name="send">Sends request number <c>i</c>; returns null on success or a short description of the failure.</param>
    public static async Task<LoadResult> RunAsync(
        string scenario, int concurrency, int maxRequests, TimeSpan maxDuration, Func<int, CancellationToken, Task<string?>> send, CancellationToken cancellationToken = default)
    {
        var samples = new List<double>(Math.Min(maxRequests, 1_000_000));
        var gate = new Lock();
        var errors = 0;
        string? firstError = null;
        var next = -1;
        var wall = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                var local = new List<double>();
                int index;
                while (Stopwatch.GetTimestamp() < deadline && (index = Interlocked.Increment(ref next)) < maxRequests)
                {
                    var started = Stopwatch.GetTimestamp();
                    var failure = await send(index, cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (failure is null)
                    {
                        local.Add(elapsed);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, failure, null);
                    }
                }

                lock (gate)
                {
                    samples.AddRange(local);
                }
            },
            cancellationToken)));
        wall.Stop();
        return new LoadResult(scenario, concurrency, new Percentiles(samples), errors, wall.Elapsed, firstError);
    }
}
