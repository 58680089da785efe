using System.Diagnostics;
using System.Globalization;
using System.Text;
using MemoryFunctions.Bench.Conversations;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench;

/// <summary>
/// One command for the whole performance table: the in-process store benchmark, the HTTP load driver and the
/// long-conversation context benchmark (<c>conversations long</c>, the report seed; one conversation with <c>--quick</c>)
/// in sequence (each on a fresh store and, for HTTP, a fresh server process), then the generated section of
/// docs/performance.md is rewritten. Bounded: about 6 minutes, <c>--quick</c> about two.
/// </summary>
internal static class AllBenchmarks
{
    public static async Task<int> RunAsync(string[] args, bool quick, CancellationToken cancellationToken = default)
    {
        var settings = LoadSettings.Parse(args);
        var outputIndex = Array.IndexOf(args, "--output");
        var output = outputIndex >= 0 && outputIndex + 1 < args.Length ? args[outputIndex + 1] : null;
        var wall = Stopwatch.StartNew();
        var loadAtStart = MachineInfo.LoadAverage();
        var text = new StringBuilder();

        Console.Error.WriteLine("== store (in process)");
        var store = await StoreBenchmark.RunAsync(quick);
        var loadAfterStore = MachineInfo.LoadAverage();
        Console.Error.WriteLine("== load (HTTP)");
        var load = await LoadBenchmark.RunAsync(settings, cancellationToken);
        var loadAfterLoad = MachineInfo.LoadAverage();
        Console.Error.WriteLine("== conversations long (HTTP)");
        var conversations = await ConversationsBenchmark.RunAsync(settings, "long", quick ? 1 : 4, ConversationsBenchmark.ReportSeeds[..1], baselineDll: null, cancellationToken);
        wall.Stop();

        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC in one run of `dotnet run -c Release --project bench/Memory.Bench -- all{(quick ? " --quick" : string.Empty)}` ({wall.Elapsed.TotalMinutes:F1} min) · {MachineInfo.Describe()}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1 / 5 / 15 min) at start {loadAtStart}, after the store phase {loadAfterStore}, after the HTTP load phase {loadAfterLoad}, at the end {MachineInfo.LoadAverage()} — the machine is shared, so wall-clock numbers are noisy.");
        text.AppendLine();
        text.AppendLine(string.Join('\n', store));
        text.AppendLine();
        text.AppendLine(load.ToMarkdown(loadAfterLoad));
        text.AppendLine(conversations);
        var markdown = text.ToString();
        Console.WriteLine(markdown);
        var path = PerformanceDoc.Rewrite(output, markdown);
        Console.Error.WriteLine($"wrote {path}");
        var errors = load.Scenarios.Sum(s => s.Result.Errors) + (load.Ingestion?.Failed ?? 0) + (load.Ingestion?.Unfinished ?? 0) + (load.PacedIngestion?.Failed ?? 0) + (load.PacedIngestion?.Unfinished ?? 0);
        return errors == 0 ? 0 : 2;
    }
}
