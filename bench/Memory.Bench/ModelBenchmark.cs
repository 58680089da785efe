using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Bench.Quality;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Embeddings.MiniLM;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench;

/// <summary>
/// What the local embedding model costs: the resident memory it adds to a process, search at 10k memories × 384-d on the
/// embedded store with the query embedded by the model (what <c>POST /search</c> runs, in process), and end-to-end
/// ingestion through the built server with the model and with the hashing embedder (every kept turn and fact embedded).
/// </summary>
internal static class ModelBenchmark
{
    private const int Memories = 10_000;
    private const int Searches = 400;

    public static async Task<string> RunAsync(LoadSettings settings, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            Invariant($"Model benchmark measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}"),
            string.Empty,
            "| measurement | result | load average (1 / 5 / 15 min) after |",
            "|---|---|---|",
        };
        var before = ResidentMegabytes();
        using var embedder = new MiniLMEmbeddingGenerator(Options.Create(new MiniLMEmbedderOptions()));
        await embedder.GenerateAsync([.. ParaphraseSet.Pairs.Select(pair => pair.Statement)], cancellationToken: cancellationToken);
        lines.Add(Invariant($"| resident set added by loading the model and one batch of 40 sentences (benchmark process, VmRSS) | {ResidentMegabytes() - before:F0} MB ({before:F0} → {ResidentMegabytes():F0} MB) | {MachineInfo.LoadAverage()} |"));
        lines.AddRange(await SearchRowsAsync(embedder, cancellationToken));
        foreach (var provider in new[] { "MiniLM", "Hashing" })
        {
            lines.Add(await IngestionRowAsync(settings, provider, cancellationToken));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>10k memories of random unit vectors in one partition; questions embedded by the model, then store search and ranking.</summary>
    private static async Task<IEnumerable<string>> SearchRowsAsync(MiniLMEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        using var scratch = new ScratchStore();
        var partition = new MemoryPartition("bench", "model");
        var data = new SyntheticMemories(384, seed: 384);
        for (var start = 0; start < Memories; start += 256)
        {
            var chunk = Enumerable.Range(start, Math.Min(256, Memories - start)).Select(i => data.Memory(partition, i)).ToList();
            await Task.WhenAll(chunk.Select(memory => scratch.Store.AddAsync(partition, memory, SyntheticMemories.Added(memory), cancellationToken: cancellationToken)));
        }

        var ranker = new HybridRanker(Options.Create(new RankingOptions()), TimeProvider.System);
        var service = new MemoryService(scratch.Store, scratch.Operations, embedder, ranker, TimeProvider.System, NullLogger<MemoryService>.Instance, CharactersOverFour.Instance, new ConversationParticipants(TimeProvider.System));
        var questions = ParaphraseSet.Pairs.Select(pair => pair.Question).ToArray();
        var (search, embedding) = (new List<double>(Searches), new List<double>(Searches));
        for (var i = -100; i < Searches; i++)
        {
            var question = questions[(i + 100) % questions.Length];
            var started = Stopwatch.GetTimestamp();
            await embedder.GenerateAsync([question], cancellationToken: cancellationToken);
            var embedded = Stopwatch.GetTimestamp();
            await service.SearchAsync(partition, new SearchRequest(question, new MemoryFilter { At = DateTimeOffset.UtcNow }, 10), cancellationToken);
            if (i >= 0)
            {
                embedding.Add(Stopwatch.GetElapsedTime(started, embedded).TotalMilliseconds);
                search.Add(Stopwatch.GetElapsedTime(embedded).TotalMilliseconds);
            }
        }

        var (s, e) = (new Percentiles(search), new Percentiles(embedding));
        return
        [
            Invariant($"| search at {Memories:N0} memories × 384-d, one partition, query embedded by the model + store search + ranking, top 10 (`MemoryService.SearchAsync`, {Searches} questions after 100 warm-up) | p50 {s.P50:F2} / p95 {s.P95:F2} / p99 {s.P99:F2} ms | {MachineInfo.LoadAverage()} |"),
            Invariant($"| the query embedding alone (one question, same run) | p50 {e.P50:F2} / p95 {e.P95:F2} / p99 {e.P99:F2} ms | |"),
        ];
    }

    /// <summary>The load driver's ingestion burst against a server started with the given embedder: first 202 until all succeeded.</summary>
    private static async Task<string> IngestionRowAsync(LoadSettings settings, string provider, CancellationToken cancellationToken)
    {
        await using var server = await ServerHost.StartAsync(null, settings.ServerDll, new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = provider, ["Logging__LogLevel__Default"] = "Warning" }, cancellationToken);
        using var client = new MemoryApiClient(server.BaseAddress);
        await client.PostAsync("api/users/warm-up/search", new { query = "warm up", topK = 10 }, [System.Net.HttpStatusCode.OK], cancellationToken);
        var idle = server.ResidentBytes();
        var cpu = server.CpuTime();
        var (_, outcome) = await IngestionScenario.BurstAsync(client, settings, cancellationToken);
        var cpuPerTurn = server.CpuTime() - cpu is { } used ? used.TotalMilliseconds / outcome.Turns : double.NaN;
        return Invariant(
            $"| ingestion end to end, {provider} embedder, every turn kept and embedded (burst of {outcome.Operations:N0} `POST /messages` × {settings.TurnsPerOperation} turns, {settings.Concurrency} callers; {outcome.Succeeded:N0} succeeded, {outcome.Failed} failed, {outcome.Unfinished} unfinished) | **{outcome.TurnsPerSecond:N0} turns/s** ({outcome.FirstAcceptedToAllDone.TotalSeconds:F1} s; server CPU {cpuPerTurn:F2} ms/turn); server VmRSS {Megabytes(idle):F0} MB idle after start → {Megabytes(server.ResidentBytes()):F0} MB after | {MachineInfo.LoadAverage()} |");
    }

    private static double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static double Megabytes(long? bytes) => bytes is { } b ? b / 1024.0 / 1024.0 : double.NaN;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
