using System.Diagnostics;
using System.Numerics.Tensors;

namespace MemoryFunctions.Bench;

/// <summary>
/// Single-thread memory read bandwidth, measured once: the best of a few SIMD sums over an array far larger than any cache.
/// Vector bytes divided by it is the least time any scan of those bytes can take on one core (smaller sets sit in cache
/// and can beat it).
/// </summary>
internal static class MemoryBandwidth
{
    private const int Floats = 64 * 1024 * 1024;

    public static double MeasureBytesPerSecond()
    {
        var data = new float[Floats];
        // Touch every page first so the measurement is not page faults.
        data.AsSpan().Fill(1f);
        var best = double.MaxValue;
        var sum = 0f;
        for (var pass = 0; pass < 6; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            sum += TensorPrimitives.Sum(data);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        GC.KeepAlive(sum);
        return (double)Floats * sizeof(float) / best;
    }
}
