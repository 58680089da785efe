using System.Diagnostics;
using System.Globalization;
using System.Text;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Scale;

/// <summary>
/// Issue 27 in one command: the ann benchmark with its peers, search through HTTP, bulk import, start-up, the model's
/// ingestion CPU per turn (short and long sessions) and resident bytes per memory at 200k × 384-d, one after another on
/// this machine, each rewriting its own generated section, then the "Issue 27 targets" table with every target beside
/// what this run measured. A part that fails or overruns its bound is reported as not measured and the run goes on.
/// <c>--quick</c> runs every part smaller (a development loop of minutes; its sizes are not the issue's, so it rewrites
/// nothing unless <c>--write</c> is given).
/// </summary>
internal static class ScaleBenchmark
{
    public const string Section = "issue-27-targets";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- scale";

    private const int ProbeDimensions = 384;
    private const double ResidentTargetBytes = 2.5 * 1024;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var quick = args.Contains("--quick");
        var write = quick ? args.Contains("--write") : !args.Contains("--no-write");
        var writeFlag = write ? [] : new[] { "--no-write" };
        var targets = new TargetSheet();
        var loadAtStart = MachineInfo.LoadAverage();
        var wall = Stopwatch.StartNew();
        var (searchCount, probeCount) = quick ? (20_000, 50_000) : (100_000, 200_000);
        var searchArgs = new[] { "--count", Invariant($"{searchCount}") }.Concat(writeFlag).ToArray();
        var parts = new List<Part>
        {
            new("ann", TimeSpan.FromMinutes(45), token => Ann.AnnBenchmark.RunAsync(searchArgs, token, targets), ["recall@10 ≥ 0.95 at 100k", "search p95 ≤ 5 ms at 100k", "exact scan CPU ≤ 1.1× a bare loop"]),
            new("http-search", TimeSpan.FromMinutes(25), token => Search.HttpSearchBenchmark.RunAsync(searchArgs, token, targets), ["HTTP search p95 ≤ 1.5 × in-process p95 + the query embedding"]),
            new("import", TimeSpan.FromMinutes(20), token => Import.ImportBenchmark.RunAsync([.. quick ? ["--model-count", "1000", "--hashing-count", "12000"] : Array.Empty<string>(), .. writeFlag], token, targets), ["import with the model ≥ 80 % of its batched rate", "import with hashing ≥ 5,000/s"]),
            new("startup", TimeSpan.FromMinutes(20), token => Startup.StartupBenchmark.RunAsync([.. quick ? ["--count", "10000", "--no-ready-to-run"] : Array.Empty<string>(), .. writeFlag], token, targets), ["healthy and serving reads within 2 s at 10k, 10 s at 200k"]),
            new("embeddings", TimeSpan.FromMinutes(15), token => EmbeddingsAsync(quick, write, targets, token), ["≤ 5 ms CPU per turn with the model, short sessions", "≤ 5 ms CPU per turn with the model, long sessions", "≥ 200 turns/s with the model"]),
            new("memory-probe", TimeSpan.FromMinutes(15), async _ => ResidentPerMemory(await MemoryProbe.InChildProcessAsync(ProbeDimensions, probeCount), probeCount, targets), ["≤ 2.5 KB resident per memory at 200k × 384-d"]),
        };

        var outputs = new StringBuilder();
        foreach (var part in parts)
        {
            Console.Error.WriteLine(Invariant($"== {part.Verb} (load average {MachineInfo.LoadAverage()}, {wall.Elapsed.TotalMinutes:F1} min into the run)"));
            var started = Stopwatch.GetTimestamp();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(part.Bound);
            try
            {
                outputs.AppendLine(Invariant($"## {part.Verb}")).AppendLine().AppendLine(await part.RunAsync(bound.Token));
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
            {
                var why = bound.IsCancellationRequested ? Invariant($"the part overran its bound of {part.Bound.TotalMinutes:F0} min") : $"the part failed ({exception.GetType().Name}: {exception.Message.Split('\n')[0]})";
                Console.Error.WriteLine($"{part.Verb}: {why}");
                foreach (var target in part.Targets)
                {
                    targets.NotMeasured(target, why, Invariant($"`{part.Verb}`"));
                }
            }

            Console.Error.WriteLine(Invariant($"== {part.Verb} done in {Stopwatch.GetElapsedTime(started).TotalMinutes:F1} min"));
        }

        var table = new StringBuilder()
            .AppendLine(Invariant($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC in one run of `{Command}{(quick ? " --quick" : string.Empty)}` ({wall.Elapsed.TotalMinutes:F0} min) · {MachineInfo.Describe()} · load average at the start {loadAtStart}, at the end {MachineInfo.LoadAverage()}."))
            .AppendLine()
            .AppendLine(targets.ToMarkdown())
            .AppendLine("Each part's own section below (Approximate vector index, Search through HTTP, Bulk import, Start-up, Where the model's ingestion time goes) was rewritten by the same run and gives the conditions; wall-clock figures follow the load average beside them, CPU figures much less.")
            .ToString();
        Console.WriteLine(outputs);
        Console.WriteLine(table);
        if (write)
        {
            Console.Error.WriteLine($"wrote {PerformanceDoc.RewriteSection(Section, Command, table)}");
        }

        return 0;
    }

    private static async Task<string> EmbeddingsAsync(bool quick, bool write, TargetSheet targets, CancellationToken cancellationToken)
    {
        var markdown = await Ingestion.EmbeddingCostBenchmark.RunAsync(LoadSettings.Parse(quick ? ["--quick"] : []), cancellationToken, targets);
        if (write)
        {
            PerformanceDoc.RewriteSection(Ingestion.EmbeddingCostBenchmark.Section, Ingestion.EmbeddingCostBenchmark.Command, markdown);
        }

        return markdown;
    }

    private static string ResidentPerMemory(string row, int count, TargetSheet targets)
    {
        var perMemory = MemoryProbe.WorkingSetBytes(row) / count;
        targets.Add(
            Invariant($"≤ 2.5 KB resident per memory at {count:N0} × {ProbeDimensions}-d (one partition, default options, graph built)"),
            Invariant($"{perMemory / 1024:F2} KB of working set growth per memory ({MemoryProbe.WorkingSetBytes(row) / (1024 * 1024):F0} MB for {count:N0}; the f32 vector is {ProbeDimensions * sizeof(float) / 1024.0:F2} KB of it)"),
            perMemory,
            value => value <= ResidentTargetBytes,
            Invariant($"`memory-probe {ProbeDimensions} {count}`"));
        return "| dims | raw vectors | managed heap | × raw | working set | × raw |\n|---|---|---|---|---|---|\n" + row;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Part(string Verb, TimeSpan Bound, Func<CancellationToken, Task<string>> RunAsync, string[] Targets);
}
