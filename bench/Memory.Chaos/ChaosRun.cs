using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Testing.Server;

namespace MemoryFunctions.Chaos;

/// <summary>
/// Starts the server, lets <see cref="ChaosLoad"/> write for a random uptime, SIGKILLs it, and repeats for the given
/// number of cycles on one data directory; then stops the load, starts the server a last time and verifies everything
/// that was acknowledged (<see cref="CrashVerifier"/>). Returns 0 only when nothing was lost or duplicated, every
/// operation succeeded and the server refused nothing.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ResumeReportTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ChaosOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var serverDll = ServerBinary.Locate(typeof(ChaosRun).Assembly);
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "memory-chaos-" + Guid.NewGuid().ToString("N"));
        var port = LoopbackPort.Next();
        var settings = new Dictionary<string, string>
        {
            ["Memory__Local__CompactAfterLogRecords"] = options.CompactAfterLogRecords.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Information",
        };
        output.WriteLine($"Chaos run {runId}: {options.Cycles} kill cycles, {options.Writers} writers, {options.RequestsPerSecond:0} requests/s (1 in {options.IngestEvery} an ingestion post), uptime {options.MinUptime.TotalSeconds:0.0}–{options.MaxUptime.TotalSeconds:0.0} s, "
            + $"compaction every {options.CompactAfterLogRecords:N0} records, seed {options.Seed}");
        output.WriteLine($"Server: {serverDll}\nData:   {dataDirectory}\nURL:    http://127.0.0.1:{port}");

        var random = new Random(options.Seed);
        var ledger = new CrashLedger();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var client = new MemoryServerClient(http);
        var load = new ChaosLoad(client, ledger, runId, options.Writers, options.IngestEvery, options.RequestsPerSecond, options.Seed);
        var restarts = new List<TimeSpan>();
        var resumed = new List<int>();
        var total = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        Task? loadTask = null;
        try
        {
            for (var cycle = 1; cycle <= options.Cycles; cycle++)
            {
                var started = Stopwatch.StartNew();
                await using var server = await ServerProcess.StartAsync(serverDll, dataDirectory, port, StartTimeout, settings);
                restarts.Add(started.Elapsed);
                loadTask ??= load.RunAsync(stop.Token);
                var uptime = options.MinUptime + ((options.MaxUptime - options.MinUptime) * random.NextDouble());
                await Task.Delay(uptime);
                // Not waited for: the kill lands at the random moment even if the runner has not said yet what it resumed.
                resumed.Add(server.ResumedOperations ?? -1);
                server.Kill();
                output.WriteLine(FormattableString.Invariant(
                    $"cycle {cycle,3}: up {uptime.TotalSeconds:0.00} s, start {restarts[^1].TotalSeconds:0.00} s, resumed {(resumed[^1] < 0 ? "   ?" : resumed[^1].ToString("D4", CultureInfo.InvariantCulture))}, acknowledged writes {ledger.Writes.Count,6}, operations {ledger.Operations.Count,5}"));
            }
        }
        finally
        {
            await stop.CancelAsync();
            if (loadTask is not null)
            {
                await loadTask;
            }
        }

        var finalStart = Stopwatch.StartNew();
        await using var final = await ServerProcess.StartAsync(serverDll, dataDirectory, port, StartTimeout, settings);
        restarts.Add(finalStart.Elapsed);
        resumed.Add(await final.WaitForResumedOperationsAsync(ResumeReportTimeout));
        var verifying = Stopwatch.StartNew();
        var report = await CrashVerifier.VerifyAsync(client, ledger, options.OperationTimeout);
        await final.DisposeAsync();
        if (options.DataDirectory is null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        output.WriteLine();
        output.WriteLine(report.ToTable());
        output.WriteLine(FormattableString.Invariant(
            $"Kills: {options.Cycles} (SIGKILL), starts: {restarts.Count}, start to healthy: median {Median(restarts):0.00} s, max {restarts.Max().TotalSeconds:0.00} s; ")
            + FormattableString.Invariant($"operations resumed at starts: {resumed.Where(count => count > 0).Sum():N0} (resuming something at {resumed.Count(count => count > 0)} of {resumed.Count} starts; not yet reported at the kill: {resumed.Count(count => count < 0)})."));
        output.WriteLine(FormattableString.Invariant(
            $"Requests without an answer (refused while down or cut by a kill; retried unchanged): {ledger.Unanswered:N0}; direct writes answered 200 on retry (already stored): {load.RepeatsAnsweredAsStored:N0}; ")
            + FormattableString.Invariant($"refused: {(load.Refusals.Count == 0 ? "none" : string.Join(", ", load.Refusals.Select(pair => $"{(int)pair.Key}×{pair.Value}")))}."));
        output.WriteLine(FormattableString.Invariant($"Load phase {total.Elapsed - verifying.Elapsed:mm\\:ss}, final check {verifying.Elapsed:mm\\:ss}."));
        foreach (var problem in report.Problems)
        {
            output.WriteLine("PROBLEM " + problem);
        }

        var clean = report.IsClean && load.Refusals.Count == 0;
        output.WriteLine(clean ? "RESULT: lost = 0, duplicated = 0, every operation succeeded." : "RESULT: FAILED (see above).");
        return clean ? 0 : 1;
    }

    private static double Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2).TotalSeconds;
}
