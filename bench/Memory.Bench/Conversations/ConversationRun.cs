using System.Diagnostics;
using System.Globalization;
using System.Net;
using MemoryFunctions.Bench.Context;
using MemoryFunctions.Bench.Load;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>One server's part of <see cref="ConversationsBenchmark"/>: start it, post every session, ask every question at every budget.</summary>
internal static class ConversationRun
{
    /// <summary>Added to each question of the uncharged warm-up round: lower-case words, so the names and times it reads are the question's.</summary>
    private const string WarmUpSuffix = " before the measured rounds";

    /// <summary>
    /// Added to each question in the charged rounds, one wording per round: a server that caches query embeddings (MiniLM's;
    /// 4a47bda has no cache) embeds every charged search once, as a server without the cache does.
    /// </summary>
    private static readonly string[] RoundSuffixes = ["", " again", " once more"];

    public static async Task<(ConversationTally Tally, ConversationCost Cost)> RunAsync(LoadSettings settings, IReadOnlyList<WrittenConversation> conversations, CancellationToken cancellationToken)
    {
        var budgets = ConversationsBenchmark.Budgets;
        var tally = new ConversationTally(budgets.Length);
        var cost = new ConversationCost();
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, settings.ServerEnvironment, cancellationToken);
        using var client = new MemoryApiClient(server.BaseAddress);
        var runId = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        foreach (var (conversation, number) in conversations.Select((c, i) => (c, i)))
        {
            var userId = $"{conversation.Id}-{number}-{runId}";
            // Bounded per conversation: a long one is ~1,000 turns, and the shared machine can be slow.
            var deadline = Stopwatch.GetTimestamp() + (long)(settings.ScenarioTimeout.TotalSeconds * 4 * Stopwatch.Frequency);
            // The first of several conversations warms the server: measured with hashing, over a quarter of its CPU went to the
            // JIT compiling code once, which says nothing of what a turn costs. Its answers are still counted.
            var charged = number > 0 || conversations.Count == 1;
            cost.Warmed |= !charged;
            var cpu = server.CpuTime();
            await IngestAsync(client, userId, conversation, deadline, cancellationToken);
            if (charged)
            {
                cost.IngestionCpu += (server.CpuTime() - cpu) ?? TimeSpan.Zero;
                cost.Turns += conversation.Sessions.Sum(session => session.Turns.Count);
            }

            tally.Turns += conversation.Sessions.Sum(session => session.Turns.Count);
            tally.Facts += await CountStatementsAsync(client, userId, cancellationToken);

            // Ingestion's background work (index flushes, the runtime recompiling what it found hot) settles first, then one
            // uncharged round brings the search path itself to the runtime's optimised code, so the charged rounds measure
            // searches, not compilation. It asks each question in other words (WarmUpSuffix), as each charged round does
            // (RoundSuffixes), so that no charged search finds its query embedding cached.
            var settled = await server.SettleAsync(TimeSpan.FromSeconds(2), cancellationToken);
            await SearchRoundAsync(client, userId, conversation, null, cancellationToken, WarmUpSuffix);
            settled += await server.SettleAsync(TimeSpan.Zero, cancellationToken);
            cost.SettledAfter = charged && settled > cost.SettledAfter ? settled : cost.SettledAfter;
            cpu = server.CpuTime();
            foreach (var suffix in RoundSuffixes)
            {
                await SearchRoundAsync(client, userId, conversation, charged ? cost : null, cancellationToken, suffix);
            }

            cost.SearchCpu += charged ? (server.CpuTime() - cpu) ?? TimeSpan.Zero : TimeSpan.Zero;
            // A budget of --show-misses that is not one of the table's is asked too, for its misses only (not tallied).
            int[] asked = settings.ShowMissesAt is { } extra && !budgets.Contains(extra) ? [.. budgets, extra] : budgets;
            // Budget by budget, so the server's CPU time is read around each budget's blocks (its clock ticks are too coarse for one request).
            for (var b = 0; b < asked.Length; b++)
            {
                cpu = server.CpuTime();
                foreach (var question in conversation.Questions)
                {
                    var answer = await client.PostAsync($"api/users/{userId}/context", new { query = question.Q, maxTokens = asked[b] }, [HttpStatusCode.OK], cancellationToken);
                    var context = answer.Body?["context"]?.GetValue<string>() ?? throw new InvalidOperationException($"context failed: {answer.Error}");
                    var answered = question.AnsweredBy(context);
                    if (b < budgets.Length)
                    {
                        tally.Count(question.Type, b, answered, ConversationsBenchmark.Tokens.CountTokens(context));
                    }

                    if (asked[b] == settings.ShowMissesAt && !answered)
                    {
                        Console.Error.WriteLine($"miss at {asked[b]} ({question.Type}): '{question.Q}' expected '{string.Join("' and '", new[] { question.A }.Concat(question.AlsoNeeds ?? []))}'\n{context}\n");
                    }
                }

                if (charged && b < budgets.Length && (server.CpuTime() - cpu) is { } spent)
                {
                    cost.Built(b, spent, conversation.Questions.Count);
                }
            }
        }

        return (tally, cost);
    }

    /// <summary>
    /// Every question of the conversation once through <c>POST /search</c> (top 10), with <paramref name="suffix"/> added,
    /// timed into <paramref name="cost"/> when given.
    /// </summary>
    private static async Task SearchRoundAsync(
        MemoryApiClient client, string userId, WrittenConversation conversation, ConversationCost? cost, CancellationToken cancellationToken, string suffix = "")
    {
        foreach (var question in conversation.Questions)
        {
            var started = Stopwatch.GetTimestamp();
            await client.PostAsync($"api/users/{userId}/search", new { query = question.Q + suffix, topK = 10 }, [HttpStatusCode.OK], cancellationToken);
            cost?.Searched(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The statements the store holds for the user: every memory but turns, summaries and the profile, ended ones too.</summary>
    private static async Task<int> CountStatementsAsync(MemoryApiClient client, string userId, CancellationToken cancellationToken)
    {
        var (count, cursor) = (0, (string?)null);
        do
        {
            var page = await client.GetAsync(
                $"api/users/{userId}/memories?kind=fact&kind=preference&kind=episodic&kind=procedural&includeSuperseded=true&pageSize=200{(cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}")}",
                cancellationToken);
            var body = page.Body ?? throw new InvalidOperationException($"listing the memories of {userId} failed: {page.Error}");
            count += body["items"]!.AsArray().Count;
            cursor = body["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
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
}
