using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MemoryFunctions.Bench.Load;

/// <summary>
/// <c>slow-loris</c>: what slow clients and another tenant's read flood cost a tenant's searches on the local server (issue
/// 25, symptom 12: 300 slow-loris connections plus read-key abuse took another tenant's search p95 from 21 to 660 ms).
/// Tenant B's searches (a repeated query, its vector cached, alternating with a new query each time, which the model
/// embeds), one at a time: alone; while 300 connections each trickle one header byte a second (reconnecting whenever
/// Kestrel cuts them); and while, besides, tenant A's 4 callers search back to back (no quota), then instead tenant Q's,
/// held to a request quota. Target: B's search p95 within 3× of alone. Server defaults apart from Q's quota. Bounded:
/// each phase at least a fixed count and a fixed time, a 10-minute deadline.
/// </summary>
internal static class SlowLorisBenchmark
{
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- slow-loris";
    private const int SlowConnections = 300;
    private const int ReadFloodCallers = 4;
    private const string QuotaTenant = "tenant-q";
    private const int QuotaPerSecond = 5;

    public static async Task<string> RunAsync(LoadSettings settings, bool quick, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        var searches = quick ? 30 : 100;
        // Tenant Q floods like A but is held to a request quota: what the deployment's lever against read abuse does.
        var quota = new Dictionary<string, string> { [$"Memory__Quotas__Tenants__{QuotaTenant}__RequestsPerSecond"] = QuotaPerSecond.ToString(CultureInfo.InvariantCulture) };
        await using var server = await ServerHost.StartAsync(settings.Url, settings.ServerDll, quota, deadline.Token);
        using var tenantB = new MemoryApiClient(server.BaseAddress, "tenant-b");
        for (var i = 0; i < 50; i++)
        {
            await tenantB.PostAsync("api/users/bob/memories", new { text = $"Bob note {i}: he sails on fjord {i} and lives in Bergen." }, [HttpStatusCode.Created, HttpStatusCode.OK], deadline.Token);
        }

        // Every phase lasts as long (a short unloaded phase would compare cold code with hot), and past Kestrel's 10 s header
        // timeout several times, so the slow clients are cut and reconnect.
        var phaseFor = TimeSpan.FromSeconds(quick ? 25 : 60);
        await MeasureAsync(tenantB, 5, TimeSpan.Zero, deadline.Token);
        var phases = new List<Phase> { await PhaseAsync("alone", tenantB, searches, phaseFor, deadline.Token) };

        using var stopSlow = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var slow = Enumerable.Range(0, SlowConnections).Select(_ => TrickleAsync(server.BaseAddress, stopSlow.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(5), deadline.Token);
        phases.Add(await PhaseAsync($"{SlowConnections} slow-loris connections", tenantB, searches, phaseFor, deadline.Token));

        var floods = new List<int>();
        foreach (var (tenant, label) in new[] { ("tenant-a", "tenant A's"), (QuotaTenant, $"tenant Q's (held to {QuotaPerSecond} requests/s)") })
        {
            using var stopReads = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            var reads = Enumerable.Range(0, ReadFloodCallers).Select(caller => ReadFloodAsync(server.BaseAddress, tenant, caller, stopReads.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2), deadline.Token);
            phases.Add(await PhaseAsync($"{SlowConnections} slow-loris + {label} {ReadFloodCallers} callers searching back to back", tenantB, searches, phaseFor, deadline.Token));
            await stopReads.CancelAsync();
            floods.Add((await Task.WhenAll(reads)).Sum());
        }

        await stopSlow.CancelAsync();
        var cuts = (await Task.WhenAll(slow)).Sum();

        var table = Report(phases, searches, phaseFor, floods, cuts, server.DeathNotice());
        PerformanceDoc.RewriteSection("slow-loris", Command + (quick ? " --quick" : string.Empty), table);
        return table;
    }

    private static async Task<Phase> PhaseAsync(string name, MemoryApiClient client, int searches, TimeSpan atLeast, CancellationToken cancellationToken)
    {
        var loadAtStart = MachineInfo.LoadAverage();
        var (repeated, fresh, failures) = await MeasureAsync(client, searches, atLeast, cancellationToken);
        return new Phase(name, repeated, fresh, failures, loadAtStart, MachineInfo.LoadAverage());
    }

    /// <summary>At least <paramref name="searches"/> pairs of searches, and for at least <paramref name="atLeast"/>.</summary>
    private static async Task<(Percentiles Repeated, Percentiles Fresh, int Failures)> MeasureAsync(MemoryApiClient client, int searches, TimeSpan atLeast, CancellationToken cancellationToken)
    {
        var repeated = new List<double>();
        var fresh = new List<double>();
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < searches || Stopwatch.GetElapsedTime(started) < atLeast; i++)
        {
            failures += await FairnessBenchmark.SearchAsync(client, "where does the user live?", repeated, cancellationToken);
            failures += await FairnessBenchmark.SearchAsync(client, $"what did the user do in {Guid.NewGuid():N}?", fresh, cancellationToken);
        }

        return (new Percentiles(repeated), new Percentiles(fresh), failures);
    }

    /// <summary>
    /// One slow client: opens a request and sends one header byte a second, never finishing it; when the server cuts it
    /// (Kestrel's header timeout), opens another. Returns how many times it was cut.
    /// </summary>
    private static async Task<int> TrickleAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var cuts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
                var stream = tcp.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/health HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nX-Slow: "), cancellationToken);
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    await stream.WriteAsync("a"u8.ToArray(), cancellationToken);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                cuts++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The measurement is over.
            }
        }

        return cuts;
    }

    /// <summary>One caller of <paramref name="tenant"/> searching back to back with new queries (each embedded); returns how many were answered 200.</summary>
    private static async Task<int> ReadFloodAsync(Uri baseAddress, string tenant, int caller, CancellationToken cancellationToken)
    {
        using var client = new MemoryApiClient(baseAddress, tenant);
        var made = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var answer = await client.PostAsync($"api/users/a-{caller}/search", new { query = $"anything about {Guid.NewGuid():N}?", topK = 5 }, [HttpStatusCode.OK, HttpStatusCode.TooManyRequests], cancellationToken);
                made += answer.Body?["results"] is not null ? 1 : 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measurement is over.
        }

        return made;
    }

    private static string Report(List<Phase> phases, int searches, TimeSpan phaseFor, List<int> floods, int cuts, string? death)
    {
        var alone = phases[0];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Tenant B: at least {searches} searches of a repeated query (its vector cached) alternating with as many of a new query each (embedded by the model), one at a time, over 50 memories (each phase goes on for at least {phaseFor.TotalSeconds:0} s, past Kestrel's 10 s header timeout); alone, then with {SlowConnections} connections each sending one header byte a second (cut by Kestrel {cuts} times in all, and reopened), then with tenant A's {ReadFloodCallers} callers also searching back to back ({floods[0]} searches answered), then instead with tenant Q's, whose `Memory:Quotas` allow {QuotaPerSecond} requests a second ({floods[1]} answered, the rest 429). Server defaults otherwise (MiniLM embedder, {MachineInfo.Describe()}).");
        text.AppendLine();
        text.AppendLine("| tenant B | repeated-query p50 ms | p95 ms | new-query p50 ms | p95 ms | p95 ratio to alone (repeated / new; target ≤ 3×) | failures | load average at start / end |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var phase in phases)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {phase.Name} ({phase.Repeated.Count} + {phase.Fresh.Count}) | {phase.Repeated.P50:F1} | {phase.Repeated.P95:F1} | {phase.Fresh.P50:F1} | {phase.Fresh.P95:F1} | {phase.Repeated.P95 / alone.Repeated.P95:F1}× / {phase.Fresh.P95 / alone.Fresh.P95:F1}× | {phase.Failures} | {phase.LoadAtStart} → {phase.LoadAtEnd} |"));
        }

        if (death is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The server died: {death}");
        }

        return text.ToString();
    }

    private sealed record Phase(string Name, Percentiles Repeated, Percentiles Fresh, int Failures, string LoadAtStart, string LoadAtEnd);
}
