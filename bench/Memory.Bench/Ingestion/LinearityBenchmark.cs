using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>
/// Issue 12, finding 3: is the cost of one ingestion request linear in its size? Runs the whole workflow in process (the
/// local runner's step dispatch over the embedded file store, rule-based extractor, similarity reconciler, extractive
/// summariser, hashing embedder: no model, so the workflow's own work is what is measured) on requests of n facts, from
/// 10 up to the cap, each on a fresh user, and fits the growth exponent of time, decisions and the operation's stored
/// size against n. Then a request past the cap, and what it gets. Bounded: a few minutes at most, then it stops.
/// </summary>
internal static class LinearityBenchmark
{
    private const int SentencesPerMessage = 10;
    private const int Repeats = 5;
    private static readonly int[] Sizes = [10, 20, 40, 70, 100];

    /// <summary>The issue's own probe (400 same-slot facts made 79,801 decisions) with the cap raised to reach it.</summary>
    private static readonly int[] RaisedCapSizes = [50, 100, 200, 400];
    /// <summary>Per shape, where the last request at the largest size spent its time (the four biggest steps).</summary>
    private static readonly Dictionary<string, string> Breakdowns = new(StringComparer.Ordinal);

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, Func<int, string> Sentence)[] Shapes =
    [
        ("same slot: \"I live in Town{i}.\"", i => $"I live in Town{i:D4}."),
        ("distinct: \"I adopted a dog named Dog{i}.\"", i => $"I adopted a dog named Dog{i:D4}."),
    ];

    public static async Task<string> RunAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", "linearity-" + Guid.NewGuid().ToString("N"));
        var options = new IngestionOptions();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Ingestion linearity measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Caps: MaxFactsPerRequest {options.MaxFactsPerRequest}, MaxNeighbours {options.MaxNeighbours}, MaxDecisionsRecorded {options.MaxDecisionsRecorded}; {SentencesPerMessage} sentences per user message; median of {Repeats} fresh users per row.");
        text.AppendLine();
        try
        {
            await using var rig = WorkflowRig.Open(directory, options, HashingEmbedder());
            await rig.IngestAsync("warm-up", Request(10, Shapes[1].Sentence), cancellationToken);
            foreach (var (name, sentence) in Shapes)
            {
                AppendShape(text, name, name, await MeasureAsync(rig, name, Sizes, sentence, cancellationToken));
            }

            var past = options.MaxFactsPerRequest + 50;
            var (ms, _, operation) = await rig.IngestAsync("past-cap", Request(past, Shapes[0].Sentence), cancellationToken);
            text.AppendLine(Invariant($"Past the cap: a request of {past} same-slot facts ({past / SentencesPerMessage} messages) took {ms:F0} ms and ended `{operation.Status.ToString().ToLowerInvariant()}` with {operation.Decisions.Count} decisions and `\"truncation\": {JsonSerializer.Serialize(operation.Truncation, JsonSerializerOptions.Web)}`; all {await rig.CountTurnsAsync("past-cap", cancellationToken)} of its messages are kept as turns. Up front, a body over 1 MiB gets 413, more than 100 messages or a message over 8,000 characters a 400 naming `messages` / `messages[i].content` (docs/api.md)."));
            var raised = new IngestionOptions { MaxFactsPerRequest = RaisedCapSizes[^1] };
            await using var raisedRig = WorkflowRig.Open(directory + "-raised", raised, HashingEmbedder());
            var label = $"same slot with MaxFactsPerRequest raised to {raised.MaxFactsPerRequest} (the issue's probe: 400 such facts made 79,801 decisions and an 11 MB operation)";
            AppendShape(text, label, "raised", await MeasureAsync(raisedRig, "raised", RaisedCapSizes, Shapes[0].Sentence, cancellationToken));
            text.AppendLine(CultureInfo.InvariantCulture, $"Load average at the end {MachineInfo.LoadAverage()}.");
            return text.ToString();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(directory + "-raised"))
            {
                Directory.Delete(directory + "-raised", recursive: true);
            }
        }
    }

    private static async Task<List<(int Facts, double Ms, double CpuMs, int Decisions, int Bytes)>> MeasureAsync(
        WorkflowRig rig, string name, int[] sizes, Func<int, string> sentence, CancellationToken cancellationToken)
    {
        var rows = new List<(int Facts, double Ms, double CpuMs, int Decisions, int Bytes)>();
        foreach (var n in sizes)
        {
            var runs = new List<(double Ms, double CpuMs, MemoryOperation Operation)>();
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                runs.Add(await rig.IngestAsync($"{name.GetHashCode(StringComparison.Ordinal):x8}-{n}-{repeat}", Request(n, sentence), cancellationToken));
            }

            var median = runs.OrderBy(run => run.Ms).ElementAt(Repeats / 2);
            var cpu = runs.Select(run => run.CpuMs).Order().ElementAt(Repeats / 2);
            rows.Add((n, median.Ms, cpu, median.Operation.Decisions.Count + (median.Operation.Truncation?.DecisionsOmitted ?? 0), Bytes(median.Operation)));
            Console.Error.WriteLine(Invariant($"{name} n={n}: {median.Ms:F0} ms, {rows[^1].Decisions} decisions, {rows[^1].Bytes} bytes, {median.Operation.Status}"));
        }

        Breakdowns[name] = string.Join(", ", rig.LastSteps.OrderByDescending(step => step.Value).Take(4).Select(step => Invariant($"{step.Key.Replace("Ingestion_", string.Empty, StringComparison.Ordinal)} {step.Value:F0} ms")));
        return rows;
    }

    private static void AppendShape(StringBuilder text, string name, string key, List<(int Facts, double Ms, double CpuMs, int Decisions, int Bytes)> rows)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{name}");
        text.AppendLine();
        text.AppendLine("| facts n | wall ms | CPU ms | decisions | operation bytes |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant($"| {row.Facts} | {row.Ms:F0} | {row.CpuMs:F0} | {row.Decisions} | {row.Bytes:N0} |"));
        }

        var facts = rows.Select(row => (double)row.Facts).ToList();
        text.AppendLine(Invariant($"| **exponent** (log-log fit, {rows[0].Facts}..{rows[^1].Facts}) | **{Exponent(facts, rows.Select(r => r.Ms))}** | **{Exponent(facts, rows.Select(r => r.CpuMs))}** | **{Exponent(facts, rows.Select(r => (double)r.Decisions))}** | **{Exponent(facts, rows.Select(r => (double)r.Bytes))}** |"));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Last request at the largest size, wall time by step: {Breakdowns.GetValueOrDefault(key)}.");
        text.AppendLine();
    }

    /// <summary>Least-squares slope of log y against log n: 1 is linear, 2 quadratic.</summary>
    private static string Exponent(List<double> n, IEnumerable<double> y)
    {
        var points = n.Zip(y).Where(p => p.Second > 0).Select(p => (X: Math.Log(p.First), Y: Math.Log(p.Second))).ToList();
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return slope.ToString("F2", CultureInfo.InvariantCulture);
    }

    private static int Bytes(MemoryOperation operation) => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(operation, JsonSerializerOptions.Web));

    private static IngestionRequest Request(int facts, Func<int, string> sentence) =>
        new([.. Enumerable.Range(0, (facts + SentencesPerMessage - 1) / SentencesPerMessage).Select(m => new ConversationMessage(
            $"m{m}",
            MessageRole.User,
            string.Join(' ', Enumerable.Range(m * SentencesPerMessage, Math.Min(SentencesPerMessage, facts - (m * SentencesPerMessage))).Select(sentence)),
            Start.AddMinutes(m)))], SessionId: "s1");

    private static HashingEmbedder HashingEmbedder() => new(Options.Create(new HashingEmbedderOptions()));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
