using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using MemoryFunctions.Bench.Ann;
using MemoryFunctions.Bench.Load;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Bench.Search;

/// <summary>
/// Search through HTTP (issue 27 item 6): the built server on a store of 100k MiniLM-embedded memories of one user (the
/// ann benchmark's corpus), the MiniLM embedder, one caller asking the ann benchmark's held-out sentences one at a time.
/// Each answer's <c>Server-Timing</c> splits it into the query embedding, the store's search (index), ranking and, what
/// the client measured beyond the server's search, HTTP and JSON. Also the time the server took to rebuild the 100k
/// graph after start-up (from its log).
/// </summary>
internal static class HttpSearchBenchmark
{
    public const string Section = "http-search";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- http-search";

    private const int QueryCount = 1000;
    private const int WarmUp = 100;
    private const int CorpusSeed = 27;
    private static readonly MemoryPartition Partition = new("default", "ann");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> RunAsync(string[] args, CancellationToken cancellationToken, Scale.TargetSheet? targets = null)
    {
        var count = LoadSettings.IntValue(args, "--count") ?? 100_000;
        var loadAtStart = MachineInfo.LoadAverage();
        var corpus = await EmbeddedCorpus.LoadOrEmbedAsync(count + QueryCount, CorpusSeed, cancellationToken);
        var cached = await CachedStoreAsync(corpus, count, cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", "http-search-" + Guid.NewGuid().ToString("N"));
        Startup.StartupBenchmark.CopyDirectory(cached, directory);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var server = await ServerHost.StartOnAsync(directory, new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "MiniLM" }, TimeSpan.FromMilliseconds(50), cancellationToken: cancellationToken);
            var healthy = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var built = await server.WaitForOutputAsync("Approximate vector index built", TimeSpan.FromMinutes(10), cancellationToken);
            var ready = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var samples = await SearchAsync(server, corpus.Texts.GetRange(count, QueryCount), cancellationToken);
            var markdown = Report(count, samples, healthy, ready, built.Trim(), loadAtStart, MachineInfo.LoadAverage());
            var (measured, limit) = Target(samples);
            targets?.Add(
                string.Create(CultureInfo.InvariantCulture, $"HTTP search p95 ≤ 1.5 × in-process p95 + the query embedding's p95, at {count:N0} memories, MiniLM, one caller"),
                string.Create(CultureInfo.InvariantCulture, $"{measured:F2} ms against a limit of {limit:F2} ms"),
                measured <= limit,
                "`http-search`");
            if (!args.Contains("--no-write"))
            {
                PerformanceDoc.RewriteSection(Section, Command, markdown);
            }

            return markdown;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The held-out sentences, one request at a time after a warm-up, with the client's latency and the server's split.</summary>
    private static async Task<List<Sample>> SearchAsync(ServerHost server, List<string> queries, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var path = $"api/users/{Uri.EscapeDataString(Partition.UserId)}/search";
        var samples = new List<Sample>(queries.Count);
        for (var q = -WarmUp; q < queries.Count; q++)
        {
            var body = new { query = queries[(q + queries.Count) % queries.Count], topK = 10 };
            var sent = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var total = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"search answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)} {server.DeathNotice()}");
            }

            if (q >= 0)
            {
                var timing = response.Headers.GetValues("Server-Timing").Single().Split(", ")
                    .Select(metric => metric.Split(";dur="))
                    .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
                samples.Add(new Sample(total, timing["embed"], timing["index"], timing["rank"], timing["search"]));
            }
        }

        return samples;
    }

    private static string Report(int count, List<Sample> samples, double healthy, double ready, string built, string loadAtStart, string loadAtEnd)
    {
        var culture = CultureInfo.InvariantCulture;
        var total = new Percentiles([.. samples.Select(s => s.Total)]);
        var embed = new Percentiles([.. samples.Select(s => s.Embed)]);
        var inProcess = new Percentiles([.. samples.Select(s => s.Index + s.Rank)]);
        var (_, target) = Target(samples);
        var text = new StringBuilder();
        text.AppendLine(culture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at start {loadAtStart}, at the end {loadAtEnd}.");
        text.AppendLine();
        text.AppendLine(culture, $"The built server (MiniLM embedder, default settings) on a store of {count:N0} memories of one user: the ann benchmark's MiniLM-embedded sentences (`SentenceCorpus`, seed {CorpusSeed}). One caller on loopback asks {samples.Count:N0} held-out sentences (`POST /search`, topK 10) one at a time after {WarmUp} to warm up; the server's split comes from each answer's `Server-Timing` header, HTTP and JSON is what the client measured beyond the server's search.");
        text.AppendLine();
        text.AppendLine("| part | p50 ms | p95 ms | mean ms |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, values) in new (string, Func<Sample, double>)[]
        {
            ("query embedding (MiniLM)", s => s.Embed),
            ("index (the store's search: filter, vector and BM25 channels)", s => s.Index),
            ("ranking (fusion, standings)", s => s.Rank),
            ("in process (index + ranking)", s => s.Index + s.Rank),
            ("HTTP and JSON (client time − server's search)", s => s.Total - s.Search),
            ("**total, as the client sees it**", s => s.Total),
        })
        {
            var percentiles = new Percentiles([.. samples.Select(values)]);
            text.AppendLine(culture, $"| {name} | {percentiles.P50:F2} | {percentiles.P95:F2} | {samples.Average(values):F2} |");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Target (issue 27 item 6): HTTP p95 ≤ 1.5 × the in-process p95 + the embedding's p95 = 1.5 × {inProcess.P95:F2} + {embed.P95:F2} = {target:F2} ms — measured {total.P95:F2} ms ({(total.P95 <= target ? "met" : $"missed by {total.P95 - target:F2} ms")}).");
        text.AppendLine();
        text.AppendLine(culture, $"Start-up: healthy after {healthy:F1} s; the graph was rebuilt in the background and searches used it {ready:F1} s after process start (the server's log: \"{built}\").");
        return text.ToString();
    }

    /// <summary>The client's p95 and the target's limit for it: 1.5 × the in-process p95 (index + ranking) + the embedding's p95.</summary>
    private static (double Measured, double Limit) Target(List<Sample> samples)
    {
        var inProcess = new Percentiles([.. samples.Select(s => s.Index + s.Rank)]);
        var embed = new Percentiles([.. samples.Select(s => s.Embed)]);
        return (new Percentiles([.. samples.Select(s => s.Total)]).P95, (1.5 * inProcess.P95) + embed.P95);
    }

    /// <summary>The store, built once under the bench cache: written through the engine, compacted, stamped as MiniLM's.</summary>
    private static async Task<string> CachedStoreAsync(EmbeddedCorpus corpus, int count, CancellationToken cancellationToken)
    {
        var directory = EmbeddedCorpus.CachedStoreDirectory(string.Create(CultureInfo.InvariantCulture, $"http-search-store-{count}-{CorpusSeed}"));
        if (File.Exists(Path.Combine(directory, "complete")))
        {
            return directory;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Console.Error.WriteLine($"building a store of {count:N0} memories in {directory} (once) ...");
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory, ApproximateIndexThreshold = 0 }))
        {
            var store = new LocalMemoryStore(engine);
            foreach (var rows in Enumerable.Range(0, count).Chunk(1_000))
            {
                await Task.WhenAll(rows.Select(row => corpus.Record(row, Partition, Start)).Select(memory =>
                    store.AddAsync(Partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "bench"), cancellationToken: cancellationToken)));
            }

            await engine.CompactAsync(cancellationToken);
        }

        EmbeddingModelFile.Write(directory, new EmbeddingModelStamp(MiniLMEmbeddingGenerator.ModelId, MiniLMEmbeddingGenerator.Dimensions));
        await File.WriteAllTextAsync(Path.Combine(directory, "complete"), "built by the http-search benchmark\n", cancellationToken);
        return directory;
    }

    private sealed record Sample(double Total, double Embed, double Index, double Rank, double Search);
}
