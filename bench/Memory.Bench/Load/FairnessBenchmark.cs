using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MemoryFunctions.Bench.Context;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// <c>fairness</c>: what one tenant's flood costs another on the local server (issue 25, symptom 5). Tenant B's
/// end-to-end ingestion latency (one-turn POST until the operation succeeded, polled every 10 ms) and search latency,
/// measured alone and then while tenant A's 4 callers post 100-turn batches back to back. Searches come in two series: one
/// query repeated (its vector is cached after the first, so only the search itself runs) and a new query each time (the
/// model embeds it: the usual case for an agent). Targets: B's ingestion p50 within 2× and its search p95 within 3× of
/// the unloaded values. Bounded: fixed sample counts, a 10-minute deadline.
/// </summary>
internal static class FairnessBenchmark
{
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- fairness";
    private const int FloodCallers = 4;
    private const int TurnsPerBatch = 100;

    // Every one-turn ingestion of B says something new (a town, a year, a number), in every phase: a text seen before
    // would come from the embedder's cache and reconcile as a repeat, so the loaded phase would do less work than the
    // unloaded one and flatter the ratio.
    private static readonly string[] Towns = ["Bergen", "Tromsø", "Lisbon", "Porto", "Kyoto", "Osaka", "Lima", "Quito", "Perth", "Hobart", "Split", "Zadar"];
    private static int _ingestionsSent;

    public static async Task<string> RunAsync(LoadSettings settings, bool quick, bool write, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        // 60 ingestions a phase: with 20 the p50 (the mean of the 10th and 11th) moved by a third between runs at low load.
        var (ingestions, searches) = quick ? (20, 30) : (60, 100);
        var loadAtStart = MachineInfo.LoadAverage();
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, deadline.Token);
        using var tenantB = new MemoryApiClient(server.BaseAddress, "tenant-b");
        await MeasureTenantBAsync(tenantB, 2, 5, deadline.Token);
        var alone = await MeasureTenantBAsync(tenantB, ingestions, searches, deadline.Token);

        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var flood = Enumerable.Range(0, FloodCallers).Select(caller => FloodAsync(server.BaseAddress, caller, stopFlood.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5), deadline.Token);
        var loaded = await MeasureTenantBAsync(tenantB, ingestions, searches, deadline.Token);
        await stopFlood.CancelAsync();
        var batches = (await Task.WhenAll(flood)).Sum();
        var loadAtEnd = MachineInfo.LoadAverage();

        var table = Report(alone, loaded, batches, ingestions, searches, loadAtStart, loadAtEnd, server.DeathNotice());
        if (write)
        {
            PerformanceDoc.RewriteSection("fairness", Command + (quick ? " --quick" : string.Empty), table);
        }

        return table;
    }

    private static async Task<Sample> MeasureTenantBAsync(MemoryApiClient client, int ingestions, int searches, CancellationToken cancellationToken)
    {
        var ingest = new List<double>();
        var failures = 0;
        for (var i = 0; i < ingestions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var n = Interlocked.Increment(ref _ingestionsSent);
            var body = new { sessionId = "b-session", messages = new[] { new { role = "user", content = $"I moved to {Towns[n % Towns.Length]} in {1900 + n} and I like sailing with friend number {n}." } } };
            var (status, _) = await OperationPolling.IngestAsync(client, "bob", body, Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency), cancellationToken);
            failures += status == "succeeded" ? 0 : 1;
            ingest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var repeated = new List<double>();
        var fresh = new List<double>();
        for (var i = 0; i < searches; i++)
        {
            failures += await SearchAsync(client, "where does the user live?", repeated, cancellationToken);
            failures += await SearchAsync(client, $"what did the user do in {Guid.NewGuid():N}?", fresh, cancellationToken);
        }

        return new Sample(new Percentiles(ingest), new Percentiles(repeated), new Percentiles(fresh), failures);
    }

    /// <summary>One search, its latency added to <paramref name="latencies"/>; 1 when it failed.</summary>
    internal static async Task<int> SearchAsync(MemoryApiClient client, string query, List<double> latencies, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await client.PostAsync("api/users/bob/search", new { query, topK = 5 }, [HttpStatusCode.OK], cancellationToken);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return answer.Ok ? 0 : 1;
    }

    /// <summary>One of tenant A's callers: posts 100-turn batches back to back (each as soon as the last got its 202).</summary>
    private static async Task<int> FloodAsync(Uri baseAddress, int caller, CancellationToken cancellationToken)
    {
        using var client = new MemoryApiClient(baseAddress, "tenant-a");
        var accepted = 0;
        try
        {
            for (var batch = 0; !cancellationToken.IsCancellationRequested; batch++)
            {
                var messages = Enumerable.Range(0, TurnsPerBatch)
                    .Select(turn => new { role = turn % 2 == 0 ? "user" : "assistant", content = $"Caller {caller} batch {batch} turn {turn}: I visited town {turn} and I work at company {batch}." })
                    .ToArray();
                var answer = await client.PostAsync($"api/users/a-{caller}/messages", new { sessionId = $"a-{caller}-{batch}", messages }, [HttpStatusCode.Accepted], cancellationToken);
                accepted += answer.Ok ? 1 : 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over.
        }

        return accepted;
    }

    private static string Report(Sample alone, Sample loaded, int floodBatches, int ingestions, int searches, string loadAtStart, string loadAtEnd, string? death)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Tenant B alone, then while tenant A's {FloodCallers} callers post {TurnsPerBatch}-turn batches back to back ({floodBatches} batches accepted during the loaded phase). ");
        text.AppendLine(CultureInfo.InvariantCulture, $"B: {ingestions} one-turn ingestions end to end (POST to `succeeded`, polled every 10 ms), then {searches} searches of a repeated query (its vector cached) alternating with {searches} of a new query each (embedded by the model), one at a time. Server defaults (MiniLM embedder, {MachineInfo.Describe()}). Load average at start {loadAtStart}, at end {loadAtEnd}.");
        text.AppendLine();
        text.AppendLine("| tenant B | ingest p50 ms | ingest p95 ms | repeated-query search p50 ms | p95 ms | new-query search p50 ms | p95 ms | failures |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        text.AppendLine(Row("alone", alone));
        text.AppendLine(Row("A flooding", loaded));
        text.AppendLine(CultureInfo.InvariantCulture, $"| ratio (target ≤ 2× ingest p50, ≤ 3× search p95) | {loaded.Ingest.P50 / alone.Ingest.P50:F1}× | {loaded.Ingest.P95 / alone.Ingest.P95:F1}× | {loaded.Repeated.P50 / alone.Repeated.P50:F1}× | {loaded.Repeated.P95 / alone.Repeated.P95:F1}× | {loaded.Fresh.P50 / alone.Fresh.P50:F1}× | {loaded.Fresh.P95 / alone.Fresh.P95:F1}× | |");
        if (death is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The server died: {death}");
        }

        return text.ToString();
    }

    private static string Row(string name, Sample result) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {result.Ingest.P50:F0} | {result.Ingest.P95:F0} | {result.Repeated.P50:F1} | {result.Repeated.P95:F1} | {result.Fresh.P50:F1} | {result.Fresh.P95:F1} | {result.Failures} |");

    /// <summary>Tenant B's latencies in one phase: ingestion end to end, searches of the repeated query and of new ones.</summary>
    private sealed record Sample(Percentiles Ingest, Percentiles Repeated, Percentiles Fresh, int Failures);
}
