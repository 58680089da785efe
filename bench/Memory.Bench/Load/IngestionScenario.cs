using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// Message ingestion two ways: a burst (closed loop, as fast as the callers can go: the most the machine can take in,
/// and the end-to-end throughput of working off the backlog) and a paced run (open loop at a fixed arrival rate below
/// capacity: the 202 latency an agent sees on a server that keeps up).
/// </summary>
internal static class IngestionScenario
{
    private static readonly HttpStatusCode[] Accepted = [HttpStatusCode.Accepted];
    public static readonly DateTimeOffset ConversationStart = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(LoadResult Accepted, IngestionOutcome Outcome)> BurstAsync(MemoryApiClient client, LoadSettings settings, CancellationToken cancellationToken)
    {
        var users = Math.Max(settings.Users, settings.Operations / 10);
        var run = new Submissions(client, settings, "ingest", users, seed: 300);
        var accepted = await ClosedLoop.RunAsync(
            $"ingest burst `POST /messages` → 202 ({settings.TurnsPerOperation} turns each, {users} users)",
            settings.Concurrency,
            settings.Operations,
            settings.ScenarioTimeout,
            run.SendAsync,
            cancellationToken);
        return (accepted, await run.WaitAsync(accepted.Elapsed, cancellationToken));
    }

    public static async Task<(LoadResult Accepted, IngestionOutcome Outcome)> PacedAsync(MemoryApiClient client, LoadSettings settings, CancellationToken cancellationToken)
    {
        var run = new Submissions(client, settings, "paced", settings.Users, seed: 400);
        var accepted = await OpenLoop.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"ingest paced `POST /messages` → 202 ({settings.PacedRate:N0} requests/s = {settings.PacedRate * settings.TurnsPerOperation:N0} turns/s for {settings.PacedDuration.TotalSeconds:F0} s)"),
            settings.PacedRate,
            settings.PacedDuration,
            run.SendAsync,
            cancellationToken);
        return (accepted with { ArrivalRate = settings.PacedRate }, await run.WaitAsync(accepted.Elapsed, cancellationToken));
    }

    /// <summary>A request of alternating user and assistant turns; roughly every other user turn states a fact.</summary>
    public static object Conversation(TurnScript script, int round, int turns, string? sessionId)
    {
        var at = ConversationStart.AddDays(round);
        var messages = Enumerable.Range(0, turns).Select(t =>
        {
            var (isUser, content) = script.Turn(t);
            return new { role = isUser ? "user" : "assistant", content, timestamp = at.AddMinutes(t) };
        }).ToList();
        return new { messages, sessionId };
    }

    /// <summary>The operations one scenario submitted, and the wait until every one of them finished.</summary>
    private sealed class Submissions(MemoryApiClient client, LoadSettings settings, string prefix, int users, int seed)
    {
        private readonly TurnScript[] _scripts = [.. Enumerable.Range(0, settings.Concurrency).Select(i => new TurnScript(seed + i))];
        private readonly Dictionary<int, string> _submitted = [];
        private long _firstAccepted;

        public async Task<string?> SendAsync(int i, CancellationToken cancellationToken)
        {
            var script = _scripts[i % _scripts.Length];
            object body;
            lock (script)
            {
                body = Conversation(script, i / users, settings.TurnsPerOperation, sessionId: string.Create(CultureInfo.InvariantCulture, $"s{i / users}"));
            }

            var answer = await client.PostAsync(LoadBenchmark.UserPath(i % users, "messages", prefix), body, Accepted, cancellationToken);
            Interlocked.CompareExchange(ref _firstAccepted, Stopwatch.GetTimestamp(), 0);
            if (answer.Body?["id"]?.GetValue<string>() is { } id)
            {
                lock (_submitted)
                {
                    _submitted[i] = id;
                }
            }

            return answer.Error;
        }

        /// <summary>Polls in submission order: operations finish roughly in that order, so each is asked about about once.</summary>
        public async Task<IngestionOutcome> WaitAsync(TimeSpan submission, CancellationToken cancellationToken)
        {
            var pending = _submitted.OrderBy(pair => pair.Key).ToList();
            var (succeeded, failed, lastDone, next) = (0, 0, Stopwatch.GetTimestamp(), 0);
            var deadline = Stopwatch.GetTimestamp() + (long)(settings.ScenarioTimeout.TotalSeconds * Stopwatch.Frequency);
            while (next < pending.Count && Stopwatch.GetTimestamp() < deadline)
            {
                var (index, id) = pending[next];
                var answer = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/operations/{id}?userId={prefix}-{index % users}"), cancellationToken);
                var status = answer.Body?["status"]?.GetValue<string>();
                if (status is "succeeded" or "failed")
                {
                    lastDone = Stopwatch.GetTimestamp();
                    (succeeded, failed) = status == "succeeded" ? (succeeded + 1, failed) : (succeeded, failed + 1);
                    next++;
                }
                else
                {
                    await Task.Delay(10, cancellationToken);
                }
            }

            var endToEnd = TimeSpan.FromSeconds((double)(lastDone - _firstAccepted) / Stopwatch.Frequency);
            return new IngestionOutcome(pending.Count, pending.Count * settings.TurnsPerOperation, succeeded, failed, pending.Count - next, endToEnd, submission);
        }
    }
}
