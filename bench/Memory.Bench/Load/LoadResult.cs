using System.Globalization;

namespace MemoryFunctions.Bench.Load;

/// <summary>One scenario's closed-loop run: latencies of the requests that completed, failures, wall time.</summary>
internal sealed record LoadResult(string Scenario, int Concurrency, Percentiles Latency, int Errors, TimeSpan Elapsed, string? FirstError)
{
    public int Requests => Latency.Count;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Server CPU time (all threads) over the scenario: per request it is the cost no matter how busy the machine is.</summary>
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>Requests per second of an open-loop run (null: a closed loop of <see cref="Concurrency"/> callers).</summary>
    public double? ArrivalRate { get; init; }

    private string Callers => ArrivalRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"open loop, {rate:N0}/s") : Concurrency.ToString(CultureInfo.InvariantCulture);

    /// <summary>How late a 1 ms sleep woke up during the scenario (see <see cref="SchedulerProbe"/>).</summary>
    public Percentiles? SchedulerLateness { get; init; }

    private string Lateness => SchedulerLateness is { Count: > 0 } lateness ? string.Create(CultureInfo.InvariantCulture, $"{lateness.P50:F2} / {lateness.P95:F2}") : "n/a";

    private string CpuPerRequest => ServerCpu is { } cpu && Requests > 0 ? string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / Requests:F2}") : "n/a";

    public string Row(long? residentAfter) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Scenario} | {Callers} | {Requests:N0} | {Errors} | {PerSecond:N0} | {Latency.P50:F2} | {Latency.P95:F2} | {Latency.P99:F2} | {CpuPerRequest} | {Lateness} | {LoadReport.Mb(residentAfter)} |");
}
