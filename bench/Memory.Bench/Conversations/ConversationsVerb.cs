using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>The <c>conversations</c> verb: arguments in, Markdown out, and with <c>--write</c> its own section of docs/performance.md.</summary>
internal static class ConversationsVerb
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var source = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "written";
        var seeds = LoadSettings.IntValue(args, "--seed") is { } seed ? [seed] : ConversationsBenchmark.ReportSeeds;
        var baseline = Array.IndexOf(args, "--baseline-dll") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var markdown = source == "memorybank"
            ? await MemoryBankBenchmark.RunAsync(LoadSettings.Parse(args), MemoryBankSet.PathFrom(args), args.Contains("--dev"), baseline, cancellationToken)
            : await ConversationsBenchmark.RunAsync(LoadSettings.Parse(args), source, LoadSettings.IntValue(args, "--count") ?? 4, seeds, baseline, cancellationToken);
        if (markdown is null)
        {
            return 1;
        }

        Console.WriteLine(markdown);
        if (args.Contains("--write") && !args.Contains("--dev"))
        {
            var command = $"dotnet run -c Release --project bench/Memory.Bench -- conversations {source}{(baseline is null ? string.Empty : " --baseline-dll <earlier build>")} --write";
            Console.Error.WriteLine($"wrote {PerformanceDoc.RewriteSection($"{ConversationsBenchmark.Section}-{source}", command, markdown)}");
        }

        return 0;
    }
}
