using System.Globalization;
using System.Net;
using System.Text;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Indexing;
using Microsoft.ML.Tokenizers;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// Answer-in-context rate on multi-session conversations between two named people written for this project — the small
/// hand-written set (Data/conversations.json, <c>written</c>) or the long generated one (<see cref="LongConversationGenerator"/>,
/// <c>long</c>, ~20k tokens per conversation): every session is posted through <c>POST /messages</c> of the built local server (speaker
/// names, the first speaker as the user, session dates as timestamps), then each question is asked of <c>POST /context</c>
/// at 500, 1,000 and 2,000 tokens. A question counts as answered when every word of its annotated answer appears in the
/// returned text (case-insensitive, judge-free), reported per question type (<see cref="QuestionTypes"/>). Baselines at
/// equal tokens: BM25 (the store's own index) over the raw turns, each rendered with its date and speaker, most relevant
/// first until the budget is spent; the full history; and with <c>--baseline-dll</c> an earlier build's server on the
/// same data in the same run. Tokens are counted with o200k_base, the server's default encoding for context budgets.
/// </summary>
internal static class ConversationsBenchmark
{
    public const string Section = "conversations";

    /// <summary>
    /// The seeds of the long set reported in docs/performance.md, each fixed before it was first measured (31 added on
    /// 6 Dec 2026, before any run of it); look at misses (and tune) on <c>--seed 5</c> only.
    /// </summary>
    public static readonly int[] ReportSeeds = [17, 18, 31];

    internal static readonly int[] Budgets = [500, 1000, 2000];
    internal static readonly Tokenizer Tokens = TiktokenTokenizer.CreateForEncoding("o200k_base");

    /// <param name="source"><c>written</c> (default) or <c>long</c>; <c>long</c> takes <c>--count N</c> conversations per seed (default 4) and <c>--seed S</c> (or the report seeds).</param>
    public static async Task<string> RunAsync(LoadSettings settings, string source, int count, IReadOnlyList<int> seeds, string? baselineDll, CancellationToken cancellationToken = default)
    {
        var sets = source == "long"
            ? seeds.Select(seed => LongConversationGenerator.Generate(count, seed)).SelectMany(set => set.Conversations).ToList()
            : WrittenSet.Load().Conversations;
        return await MeasureAsync(settings, sets, source == "long" ? $"Seeds {string.Join(", ", seeds)}: " : string.Empty, baselineDll, cancellationToken);
    }

    /// <summary>One set measured: the servers' runs, BM25 and the full history, as Markdown (<paramref name="label"/> opens its summary line).</summary>
    public static async Task<string> MeasureAsync(LoadSettings settings, IReadOnlyList<WrittenConversation> sets, string label, string? baselineDll, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var (bm25, history, historyTokens) = Baselines(sets);
        ConversationTally? before = null;
        ConversationCost? beforeCost = null;
        if (baselineDll is not null)
        {
            Console.Error.WriteLine($"== baseline server {baselineDll}");
            (before, beforeCost) = await ConversationRun.RunAsync(settings with { ServerDll = baselineDll }, sets, cancellationToken);
            Console.Error.WriteLine($"baseline: {beforeCost} · load average {MachineInfo.LoadAverage()}");
        }

        Console.Error.WriteLine("== this build's server");
        var (after, cost) = await ConversationRun.RunAsync(settings, sets, cancellationToken);
        Console.Error.WriteLine($"this build: {cost} · load average {MachineInfo.LoadAverage()}");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {started:yyyy-MM-dd HH:mm}–{DateTimeOffset.UtcNow:HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {loadAtStart}, at the end {MachineInfo.LoadAverage()}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{label}{sets.Count} conversations, {sets.Sum(c => c.Sessions.Count)} sessions, {sets.Sum(c => c.Sessions.Sum(s => s.Turns.Count))} turns, {after.Questions} questions; full history {historyTokens / Math.Max(1, after.Questions):N0} tokens per question, answer in it for {ConversationTally.Percent(history, after.Questions)}; {after.FactYield()}.")
            .AppendLine()
            .AppendLine(Table(before, after, bm25))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Mean tokens of the `/context` block at {string.Join(" / ", Budgets.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))}: {string.Join(" / ", Budgets.Select((_, b) => after.MeanTokens(b)))}{(before is null ? string.Empty : $" (baseline {string.Join(" / ", Budgets.Select((_, b) => before.MeanTokens(b)))})")}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Cost, this build: {cost}.{(beforeCost is null ? string.Empty : $" Baseline: {beforeCost}.")} (Servers run one after the other on the shared machine: wall times follow its load.)");
        return text.ToString();
    }

    /// <summary>One row per question type (and all), per budget: baseline build, this build, BM25 at equal tokens.</summary>
    private static string Table(ConversationTally? before, ConversationTally after, ConversationTally bm25)
    {
        var header = new StringBuilder("| question type | questions |");
        var rule = new StringBuilder("|---|---:|");
        foreach (var budget in Budgets)
        {
            var tokens = budget.ToString("N0", CultureInfo.InvariantCulture);
            header.Append(before is null ? string.Empty : $" {tokens}: baseline |").Append(CultureInfo.InvariantCulture, $" {tokens}: `/context` | {tokens}: BM25 |");
            rule.Append(before is null ? string.Empty : "---:|").Append("---:|---:|");
        }

        var table = new StringBuilder().AppendLine(header.ToString()).AppendLine(rule.ToString());
        foreach (var type in QuestionTypes.All.Where(t => after.QuestionsOf(t) > 0).Append(null))
        {
            table.Append(CultureInfo.InvariantCulture, $"| {type ?? "**all**"} | {after.QuestionsOf(type)} |");
            for (var b = 0; b < Budgets.Length; b++)
            {
                table.Append(before is null ? string.Empty : $" {before.Rate(type, b)} |").Append(CultureInfo.InvariantCulture, $" **{after.Rate(type, b)}** | {bm25.Rate(type, b)} |");
            }

            table.AppendLine();
        }

        return table.ToString().TrimEnd();
    }

    /// <summary>BM25 over the raw turn lines at each budget, and the full history, per question.</summary>
    private static (ConversationTally Bm25, int HistoryHits, long HistoryTokens) Baselines(IReadOnlyList<WrittenConversation> conversations)
    {
        var bm25 = new ConversationTally(Budgets.Length);
        var (historyHits, historyTokens) = (0, 0L);
        foreach (var conversation in conversations)
        {
            var turns = conversation.Sessions.SelectMany(session => session.Turns.Select(turn => $"[{EventDates.Day(session.Date)}] {turn[0]}: {turn[1]}")).ToList();
            var history = string.Join('\n', turns);
            var index = new LexicalIndex();
            for (var i = 0; i < turns.Count; i++)
            {
                index.Add(i, turns[i]);
            }

            foreach (var question in conversation.Questions)
            {
                historyHits += question.AnsweredBy(history) ? 1 : 0;
                historyTokens += Tokens.CountTokens(history);
                var scores = index.Search(question.Q, null, turns.Count, slot => slot.ToString("D10", CultureInfo.InvariantCulture)).Best.ToDictionary(match => match.Slot, match => match.Score);
                for (var b = 0; b < Budgets.Length; b++)
                {
                    var block = Bm25Block(turns, scores, Budgets[b]);
                    bm25.Count(question.Type, b, question.AnsweredBy(block), Tokens.CountTokens(block));
                }
            }
        }

        return (bm25, historyHits, historyTokens);
    }

    private static string Bm25Block(List<string> turns, Dictionary<int, double> scores, int budget)
    {
        var block = new StringBuilder();
        foreach (var slot in scores.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).Select(pair => pair.Key))
        {
            if (Tokens.CountTokens(block + turns[slot] + "\n") > budget)
            {
                break;
            }

            block.AppendLine(turns[slot]);
        }

        return block.ToString();
    }
}
