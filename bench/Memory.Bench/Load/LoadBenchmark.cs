using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// The HTTP load driver: direct writes (which also pre-load the users searched next), search, then message ingestion
/// with its 202 latency and end-to-end throughput (first 202 until every operation is seen succeeded).
/// </summary>
internal static class LoadBenchmark
{
    private static readonly HttpStatusCode[] Created = [HttpStatusCode.Created, HttpStatusCode.OK];
    private static readonly HttpStatusCode[] Found = [HttpStatusCode.OK];
    private static readonly HttpStatusCode[] Accepted = [HttpStatusCode.Accepted];

    public static async Task<LoadReport> RunAsync(LoadSettings settings, CancellationToken cancellationToken = default)
    {
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, cancellationToken);
        using var client = new MemoryApiClient(server.BaseAddress);
        var report = new LoadReport { Server = settings.Url is null ? "local server started by the driver" : settings.Url };
        await WarmUpAsync(client, cancellationToken);
        report.ResidentAtStart = server.ResidentBytes();

        var cpu = server.CpuTime();
        var probe = new SchedulerProbe();
        var writes = await WritesAsync(client, settings, cancellationToken);
        cpu = Record(report, writes with { SchedulerLateness = probe.Stop() }, server, cpu);
        probe = new SchedulerProbe();
        var search = await SearchAsync(client, settings, cancellationToken);
        cpu = Record(report, search with { SchedulerLateness = probe.Stop() }, server, cpu);
        probe = new SchedulerProbe();
        var (accepted, outcome) = await IngestionScenario.BurstAsync(client, settings, cancellationToken);
        var afterBurst = Record(report, accepted with { SchedulerLateness = probe.Stop() }, server, cpu);
        report.Ingestion = outcome;
        report.IngestionCpu = server.CpuTime() - cpu;
        probe = new SchedulerProbe();
        var (paced, pacedOutcome) = await IngestionScenario.PacedAsync(client, settings, cancellationToken);
        Record(report, paced with { SchedulerLateness = probe.Stop() }, server, afterBurst);
        report.PacedIngestion = pacedOutcome;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingestion end to end: {outcome}, {outcome.TurnsPerSecond:F0} turns/s; paced: {pacedOutcome}; server log lines {server.OutputLines}"));
        return report;
    }

    /// <summary>Keeps the scenario with the server's resident set and CPU time since <paramref name="cpuBefore"/>; returns the CPU time now.</summary>
    private static TimeSpan? Record(LoadReport report, LoadResult result, ServerHost server, TimeSpan? cpuBefore)
    {
        if (server.DeathNotice() is { } death)
        {
            Console.Error.WriteLine($"SERVER DIED during '{result.Scenario}': {death}");
            report.ServerDeath ??= death;
        }

        var resident = server.ResidentBytes();
        var cpu = server.CpuTime();
        var measured = result with { ServerCpu = cpu - cpuBefore };
        report.Scenarios.Add((measured, resident));
        Console.Error.WriteLine(measured.Row(resident));
        return cpu;
    }

    /// <summary>Pays JIT and first-use costs on a user of its own, so the first scenario is not charged for them.</summary>
    private static async Task WarmUpAsync(MemoryApiClient client, CancellationToken cancellationToken)
    {
        var script = new TurnScript(seed: 7);
        var until = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
        for (var i = 0; Stopwatch.GetTimestamp() < until || i < 50; i++)
        {
            await client.PostAsync("api/users/warm-up/memories", new { text = script.MemoryText(i) }, Created, cancellationToken);
            await client.PostAsync("api/users/warm-up/search", new { query = script.Query(), topK = 10 }, Found, cancellationToken);
            await client.PostAsync("api/users/warm-up/messages", IngestionScenario.Conversation(script, i, 2, sessionId: null), Accepted, cancellationToken);
        }
    }

    private static Task<LoadResult> WritesAsync(MemoryApiClient client, LoadSettings settings, CancellationToken cancellationToken)
    {
        var scripts = Enumerable.Range(0, settings.Concurrency).Select(i => new TurnScript(100 + i)).ToArray();
        var total = settings.Users * settings.MemoriesPerUser;
        return ClosedLoop.RunAsync(
            $"direct write `POST /memories` ({settings.Users} users × {settings.MemoriesPerUser} memories)",
            settings.Concurrency,
            total,
            settings.ScenarioTimeout,
            async (i, token) =>
            {
                var script = scripts[i % scripts.Length];
                string text;
                lock (script)
                {
                    text = script.MemoryText(i);
                }

                var answer = await client.PostAsync(UserPath(i % settings.Users, "memories"), new { text, kind = "fact" }, Created, token);
                return answer.Error;
            },
            cancellationToken);
    }

    private static Task<LoadResult> SearchAsync(MemoryApiClient client, LoadSettings settings, CancellationToken cancellationToken)
    {
        var scripts = Enumerable.Range(0, settings.Concurrency).Select(i => new TurnScript(200 + i)).ToArray();
        return ClosedLoop.RunAsync(
            $"search `POST /search` topK 10 ({settings.MemoriesPerUser} memories per user, 384-d)",
            settings.Concurrency,
            settings.MaxSearches,
            settings.SearchDuration,
            async (i, token) =>
            {
                var script = scripts[i % scripts.Length];
                string query;
                lock (script)
                {
                    query = script.Query();
                }

                var answer = await client.PostAsync(UserPath(i % settings.Users, "search"), new { query, topK = 10 }, Found, token);
                return answer.Error ?? (answer.Body?["results"]?.AsArray().Count is > 0 ? null : "search answered no results");
            },
            cancellationToken);
    }

    public static string UserPath(int user, string route, string prefix = "load") =>
        string.Create(CultureInfo.InvariantCulture, $"api/users/{prefix}-{user}/{route}");
}
