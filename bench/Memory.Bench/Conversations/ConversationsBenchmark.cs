using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Bench.Context;
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
/// at 500, 1,000 and 2,000 tokens. A question counts as answered when its annotated answer appears in the returned text
/// (case-insensitive, judge-free). Baselines at equal tokens: BM25 (the store's own index) over the raw turns, each
/// rendered with its date and speaker, most relevant first until the budget is spent; and the full history. Tokens are
/// counted with o200k_base, the server's default encoding for context budgets.
/// </summary>
internal static class ConversationsBenchmark
{
    private static readonly int[] Budgets = [500, 1000, 2000];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Tokenizer Tokens = TiktokenTokenizer.CreateForEncoding("o200k_base");

    /// <summary>The seed of the long set reported in docs/performance.md; look at misses (and tune) on <c>--seed 5</c> only.</summary>
    public const int ReportSeed = 17;

    /// <param name="source"><c>written</c> (default) or <c>long</c>; <c>long</c> takes <c>--count N</c> conversations (default 4) and <c>--seed S</c>.</param>
    public static async Task<string> RunAsync(LoadSettings settings, string source, int count, int seed, CancellationToken cancellationToken = default)
    {
        var set = source == "long" ? LongConversationGenerator.Generate(count, seed) : Written();
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, cancellationToken);
        using var client = new MemoryApiClient(server.BaseAddress);
        var runId = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var (questions, historyTokens, historyHits) = (0, 0L, 0);
        var contextHits = new int[Budgets.Length];
        var bm25Hits = new int[Budgets.Length];
        var contextTokens = new long[Budgets.Length];
        foreach (var conversation in set.Conversations)
        {
            var userId = $"{conversation.Id}-{runId}";
            // Bounded per conversation: a long one is ~1,000 turns, and the shared machine can be slow.
            var deadline = Stopwatch.GetTimestamp() + (long)(settings.ScenarioTimeout.TotalSeconds * 4 * Stopwatch.Frequency);
            await IngestAsync(client, userId, conversation, deadline, cancellationToken);
            var turns = Rendered(conversation);
            var history = string.Join('\n', turns);
            var index = new LexicalIndex();
            for (var i = 0; i < turns.Count; i++)
            {
                index.Add(i, turns[i]);
            }

            foreach (var question in conversation.Questions)
            {
                questions++;
                historyTokens += Tokens.CountTokens(history);
                historyHits += Contains(history, question.A) ? 1 : 0;
                var scores = index.Score(question.Q, _ => true).Scores;
                for (var b = 0; b < Budgets.Length; b++)
                {
                    var answer = await client.PostAsync($"api/users/{userId}/context", new { query = question.Q, maxTokens = Budgets[b] }, [HttpStatusCode.OK], cancellationToken);
                    var context = answer.Body?["context"]?.GetValue<string>() ?? throw new InvalidOperationException($"context failed: {answer.Error}");
                    contextTokens[b] += Tokens.CountTokens(context);
                    contextHits[b] += Contains(context, question.A) ? 1 : 0;
                    bm25Hits[b] += Contains(Bm25Block(turns, scores, Budgets[b]), question.A) ? 1 : 0;
                    if (Budgets[b] == 1000 && !Contains(context, question.A) && settings.ShowMisses)
                    {
                        Console.Error.WriteLine($"miss at 1000: '{question.Q}' expected '{question.A}'\n{context}\n");
                    }
                }
            }
        }

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{set.Conversations.Count} conversations, {set.Conversations.Sum(c => c.Sessions.Count)} sessions, {set.Conversations.Sum(c => c.Sessions.Sum(s => s.Turns.Count))} turns, {questions} questions; full history {historyTokens / questions} tokens per question, answer in it for {Rate(historyHits, questions)}.")
            .AppendLine()
            .AppendLine("| budget (tokens) | /context answer in block | /context mean tokens | BM25 over raw turns, equal tokens |")
            .AppendLine("|---:|---:|---:|---:|");
        for (var b = 0; b < Budgets.Length; b++)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {Budgets[b]:N0} | {Rate(contextHits[b], questions)} | {contextTokens[b] / questions} | {Rate(bm25Hits[b], questions)} |");
        }

        return table.ToString();
    }

    private static WrittenConversationSet Written()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conversations", "Data", "conversations.json");
        return JsonSerializer.Deserialize<WrittenConversationSet>(File.ReadAllText(path), Json)!;
    }

    private static async Task IngestAsync(MemoryApiClient client, string userId, WrittenConversation conversation, long deadline, CancellationToken cancellationToken)
    {
        var first = conversation.Sessions[0].Turns[0][0];
        for (var s = 0; s < conversation.Sessions.Count; s++)
        {
            var session = conversation.Sessions[s];
            var body = new
            {
                sessionId = $"{conversation.Id}-s{s + 1}",
                messages = session.Turns.Select((turn, i) => new
                {
                    id = $"{conversation.Id}-s{s + 1}-{i}",
                    role = turn[0] == first ? "user" : "assistant",
                    name = turn[0],
                    content = turn[1],
                    timestamp = session.Date.AddMinutes(i),
                }).ToList(),
            };
            var (status, error) = await OperationPolling.IngestAsync(client, userId, body, deadline, cancellationToken);
            if (status != "succeeded")
            {
                throw new InvalidOperationException($"ingestion of {conversation.Id} session {s + 1} ended as '{status}': {error}");
            }
        }
    }

    private static List<string> Rendered(WrittenConversation conversation) =>
        [.. conversation.Sessions.SelectMany(session => session.Turns.Select(turn => $"[{EventDates.Day(session.Date)}] {turn[0]}: {turn[1]}"))];

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

    private static bool Contains(string text, string answer) => text.Contains(answer, StringComparison.OrdinalIgnoreCase);

    private static string Rate(int hits, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * hits / total:F1}% ({hits}/{total})");
}
