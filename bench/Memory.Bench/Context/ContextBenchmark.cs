using System.Diagnostics;
using System.Globalization;
using System.Net;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Core.Context;

namespace MemoryFunctions.Bench.Context;

/// <summary>
/// Token saving of <c>POST /context</c> against sending the whole conversation history: generated multi-session
/// conversations are ingested through the local workflow over HTTP (sessions of a user in order, users in parallel),
/// then every question is asked with each token budget; tokens are Core's estimate (characters / 4) on both sides, and a
/// query counts as answerable when the fact's latest value appears in the context block.
/// </summary>
internal static class ContextBenchmark
{
    private static readonly HttpStatusCode[] Found = [HttpStatusCode.OK];
    private static readonly int[] Budgets = [2000, 200];

    public static async Task<ContextReport> RunAsync(LoadSettings settings, bool quick, CancellationToken cancellationToken = default)
    {
        var (userCount, sessions, turns) = quick ? (4, 10, 20) : (10, 20, 20);
        var users = ConversationGenerator.Generate(userCount, sessions, turns, seed: 20261121);
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, cancellationToken);
        using var client = new MemoryApiClient(server.BaseAddress);
        var report = new ContextReport { Users = userCount, Sessions = sessions, TurnsPerSession = turns };

        var deadline = Stopwatch.GetTimestamp() + (long)(settings.ScenarioTimeout.TotalSeconds * 2 * Stopwatch.Frequency);
        var wall = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(users.Select(user => IngestUserAsync(client, user, deadline, cancellationToken)));
        wall.Stop();
        report.IngestionTime = wall.Elapsed;
        report.OperationsSucceeded = outcomes.Sum(o => o.Succeeded);
        report.OperationErrors = outcomes.Sum(o => o.Errors);
        report.FirstError = outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"context: ingested {report.TotalTurns} turns in {wall.Elapsed.TotalSeconds:F1} s, {report.OperationErrors} errors"));

        foreach (var budget in Budgets)
        {
            var row = new ContextBudgetResult(budget);
            foreach (var user in users)
            {
                var history = TokenEstimator.Estimate(string.Join('\n', user.Sessions.SelectMany(s => s.Turns).Select(t => $"{t.Role}: {t.Content}")));
                foreach (var question in user.Questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await client.PostAsync($"api/users/{user.UserId}/context", new { query = question.Text, maxTokens = budget }, Found, cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var context = answer.Body?["context"]?.GetValue<string>();
                    if (context is null)
                    {
                        row.Errors++;
                        report.FirstError ??= answer.Error;
                        continue;
                    }

                    var answered = context.Contains(question.Answer, StringComparison.OrdinalIgnoreCase);
                    if (!answered && budget == Budgets[0])
                    {
                        // A miss is a finding: show what the block held instead of the answer.
                        Console.Error.WriteLine($"context miss: {user.UserId} '{question.Text}' expected '{question.Answer}':\n{context}");
                    }

                    row.Add(history, TokenEstimator.Estimate(context), answered, question.Text, elapsed);
                }
            }

            report.Budgets.Add(row);
            Console.Error.WriteLine(row.Row());
        }

        return report;
    }

    private static async Task<(int Succeeded, int Errors, string? FirstError)> IngestUserAsync(MemoryApiClient client, GeneratedUser user, long deadline, CancellationToken cancellationToken)
    {
        var (succeeded, errors) = (0, 0);
        string? firstError = null;
        // One session at a time, as a user lives them: a later session may supersede what an earlier one said.
        foreach (var session in user.Sessions)
        {
            var body = new
            {
                sessionId = session.SessionId,
                messages = session.Turns.Select(t => new { role = t.Role, content = t.Content, timestamp = t.Timestamp }).ToList(),
            };
            var (status, error) = await OperationPolling.IngestAsync(client, user.UserId, body, deadline, cancellationToken);
            if (status == "succeeded")
            {
                succeeded++;
            }
            else
            {
                errors++;
                firstError ??= error;
            }
        }

        return (succeeded, errors, firstError);
    }
}
