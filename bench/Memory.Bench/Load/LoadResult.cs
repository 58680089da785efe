using System.Globalization;

namespace MemoryFunctions.Bench.Load;

/// <summary>One scenario's closed-loop run: latencies of the requests that completed, failures, wall time.</summary>
internal sealed record LoadResult(string Scenario, int Concurrency, Percentiles Latency, int Errors, TimeSpan Elapsed, string? FirstError)
{
    public int Requests => Latency.Count;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public string Row(long? residentAfter) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Scenario} | {Concurrency} | {Requests:N0} | {Errors} | {PerSecond:N0} | {Latency.P50:F2} | {Latency.P95:F2} | {Latency.P99:F2} | {LoadReport.Mb(residentAfter)} |");
}
