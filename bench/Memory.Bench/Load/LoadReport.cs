using System.Globalization;
using System.Text;

namespace MemoryFunctions.Bench.Load;

/// <summary>What a load run measured, rendered as the Markdown tables of docs/performance.md.</summary>
internal sealed class LoadReport
{
    public List<(LoadResult Result, long? ResidentAfter)> Scenarios { get; } = [];

    public long? ResidentAtStart { get; set; }

    public IngestionOutcome? Ingestion { get; set; }

    public IngestionOutcome? PacedIngestion { get; set; }

    /// <summary>Server CPU from the start of the ingestion scenario until every operation finished: intake plus workflow.</summary>
    public TimeSpan? IngestionCpu { get; set; }

    public string? Server { get; set; }

    /// <summary>Set when the server process ended during the run: its exit code and last output.</summary>
    public string? ServerDeath { get; set; }

    public static string Mb(long? bytes) => bytes is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value / (1024.0 * 1024.0):F0} MB") : "n/a";

    private static string OutcomeRow(string run, IngestionOutcome outcome, TimeSpan? cpu) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {run} | {outcome.Operations:N0} | {outcome.Turns:N0} | {outcome.Succeeded:N0} | {outcome.Failed} | {outcome.Unfinished} | {outcome.Submission.TotalSeconds:F1} | {outcome.FirstAcceptedToAllDone.TotalSeconds:F1} | {outcome.TurnsPerSecond:N0} | {outcome.OperationsPerSecond:N0} | {(cpu is { } value ? (value.TotalMilliseconds / outcome.Operations).ToString("F1", CultureInfo.InvariantCulture) : "n/a")} |");

    public string ToMarkdown(string loadAverage)
    {
        var text = new StringBuilder();
        var concurrency = Scenarios.Count > 0 ? Scenarios[0].Result.Concurrency : 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"### HTTP load ({Server}, {concurrency} concurrent callers on the same 2 cores, loopback; load average {loadAverage})");
        text.AppendLine();
        text.AppendLine("| scenario | callers | requests | errors | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/request | wake-up lateness p50 / p95 ms | server RSS after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (result, resident) in Scenarios)
        {
            text.AppendLine(result.Row(resident));
        }

        var last = Scenarios.Count > 0 ? Scenarios[^1].ResidentAfter : null;
        var growth = ResidentAtStart is { } start && last is { } end ? Mb(end - start) : "n/a";
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Server resident set (VmRSS): {Mb(ResidentAtStart)} idle after start → {Mb(last)} after the last scenario (growth {growth}).");
        if (ServerDeath is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**The server process died during the run**: `{ServerDeath}`");
        }

        foreach (var (result, _) in Scenarios.Where(s => s.Result.FirstError is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"First error in '{result.Scenario}': `{result.FirstError}`");
        }

        if (Ingestion is { } ingestion)
        {
            text.AppendLine();
            text.AppendLine("### Ingestion end to end (the server's defaults: rule-based extractor, MiniLM embedder, embedded store)");
            text.AppendLine();
            text.AppendLine("| run | operations | turns | succeeded | failed | unfinished | submit time s | first 202 → all succeeded s | turns/s | operations/s | server CPU ms/operation |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            text.AppendLine(OutcomeRow("burst (closed loop)", ingestion, IngestionCpu));
            if (PacedIngestion is { } paced)
            {
                text.AppendLine(OutcomeRow("paced (open loop)", paced, null));
            }
        }

        return text.ToString();
    }
}
