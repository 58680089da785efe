using System.Globalization;

namespace MemoryFunctions.Bench.Load;

/// <summary>One scenario's closed-loop run: latencies of the requests that completed, failures, wall time.</summary>
internal sealed record LoadResult(string Scenario, int Concurrency, Percentiles Latency, int Errors, TimeSpan Elapsed, string? FirstError)
{
    public int Requests => Latency.Count;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Server CPU time (all threads) over the scenario: per request it is the cost no matter how busy the machine is.</summary>
    public TimeSpan? ServerCpu { get; init; }

    private string CpuPerRequest => ServerCpu is { } cpu && Requests > 0 ? string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / Requests:F2}") : "n/a";

    public string Row(long? residentAfter) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Scenario} | {Concurrency} | {Requests:N0} | {Errors} | {PerSecond:N0} | {Latency.P50:F2} | {Latency.P95:F2} | {Latency.P99:F2} | {CpuPerRequest} | {LoadReport.Mb(residentAfter)} |");
}
