using System.Globalization;
using System.Text;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// <c>conversations memorybank</c>: the answer-in-context rate on public conversation data (<see cref="MemoryBankSet"/>),
/// measured as <see cref="ConversationsBenchmark"/> measures our own sets: each person's days posted through
/// <c>POST /messages</c> (the person as the user, "AI companion" as the assistant, the day as event time), each annotated
/// question asked of <c>POST /context</c> at 500/1,000/2,000 tokens, BM25 at equal tokens beside it. The dev users and the
/// report users run on servers of their own; <c>--show-misses</c> prints missed blocks of dev users only.
/// </summary>
internal static class MemoryBankBenchmark
{
    /// <summary>The Markdown of both splits, or null (with the reason on stderr) when the data is not on this machine.</summary>
    /// <param name="devOnly"><c>--dev</c>: the dev users alone, for reading misses and tuning (not for docs/performance.md).</param>
    public static async Task<string?> RunAsync(LoadSettings settings, string path, bool devOnly, string? baselineDll, CancellationToken cancellationToken)
    {
        if (MemoryBankSet.Load(path) is not { } data)
        {
            Console.Error.WriteLine($"The MemoryBank data is not at {path}. Fetch github.com/zhongwanjun/MemoryBank-SiliconFriend (a checkout or a bare git directory) and pass its path with --data or MEMORYBANK_DATA.");
            return null;
        }

        var dev = await ConversationsBenchmark.MeasureAsync(settings, data.Dev, $"Dev users ({string.Join(", ", MemoryBankSet.DevUsers)}): ", baselineDll, cancellationToken);
        if (devOnly)
        {
            return dev;
        }

        var report = await ConversationsBenchmark.MeasureAsync(settings with { ShowMissesAt = null }, data.Report, "Report users: ", baselineDll, cancellationToken);
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{MemoryBankSet.AnswerFile().Attribution} {data.Unanswerable} of the {data.Questions} questions have no answer in their conversation and are left out.")
            .AppendLine()
            .AppendLine("**Report users** (rates to quote):")
            .AppendLine()
            .AppendLine(report)
            .AppendLine("**Dev users** (whose missed blocks were read):")
            .AppendLine()
            .Append(dev)
            .ToString();
    }
}
