using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Indexing;
using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Bench.Ann;

/// <summary>
/// The approximate vector index at 100k × 384-d on MiniLM embeddings of memory sentences: the store with its index,
/// the same store exact, and hnswlib and FAISS on the same vectors in the same run; build time, search p50/p95,
/// recall@10 against exact, and what persisting a sealed graph would cost against rebuilding it.
/// </summary>
internal static class AnnBenchmark
{
    public const string Section = "approximate-vector-index";
    public const string Command = "dotnet run -c Release --project bench/Memory.Bench -- ann";

    private const int QueryCount = 1000;
    private const int CorpusSeed = 27;
    private const int TopK = 10;

    /// <summary>What Core asks a store for with topK 10: CandidateMultiplier 4.</summary>
    private const int Candidates = 40;

    private static readonly MemoryPartition Partition = new("bench", "ann");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What a search without filters of its own asks for: searchable kinds, visible a year after the first memory.</summary>
    private static readonly MemoryFilter SearchFilter = new() { At = Start.AddYears(1), Kinds = MemoryKinds.Searchable };

    public static async Task<string> RunAsync(string[] args, CancellationToken cancellationToken, Scale.TargetSheet? targets = null)
    {
        var count = Load.LoadSettings.IntValue(args, "--count") ?? 100_000;
        var loadAtStart = MachineInfo.LoadAverage();
        var corpus = await EmbeddedCorpus.LoadOrEmbedAsync(count + QueryCount, CorpusSeed, cancellationToken);
        var dims = EmbeddedCorpus.Dimensions;
        var baseVectors = corpus.Vectors.AsSpan(0, count * dims).ToArray();
        var queries = corpus.Vectors.AsSpan(count * dims, QueryCount * dims).ToArray();
        var queryTexts = corpus.Texts.GetRange(count, QueryCount);
        if (args.Contains("--phases"))
        {
            var (seconds, phases, _) = await RebuildAndSplitAsync(corpus, count, queries, queryTexts, cancellationToken);
            return string.Create(CultureInfo.InvariantCulture, $"Graph of {count:N0} rebuilt in {seconds:F1} s (load {MachineInfo.LoadAverage()}).\n{phases}");
        }

        var truth = ApproximateVectorIndex.ExactSearch(baseVectors, queries, dims, TopK, Environment.ProcessorCount);

        var rows = new List<Row>();
        string persistence;
        double scanRatio;
        using (var scratch = new ScratchDirectory())
        {
            rows.Add(await MeasureStoreAsync("this store, exact scan (threshold 0)", 0, corpus, count, queries, queryTexts, truth, scratch.Sub("exact"), cancellationToken));
            var (row, sealing, ratio) = await MeasureApproximateStoreAsync(corpus, count, queries, queryTexts, truth, scratch.Sub("approximate"), cancellationToken);
            rows.Insert(0, row);
            persistence = sealing;
            scanRatio = ratio;
            rows.AddRange(await RunPeersAsync(baseVectors, queries, truth, scratch.Sub("peers"), cancellationToken));
        }

        var markdown = Report(count, rows, persistence, loadAtStart, MachineInfo.LoadAverage());
        AddTargets(targets, count, rows, scanRatio);
        if (!args.Contains("--no-write"))
        {
            PerformanceDoc.RewriteSection(Section, Command, markdown);
        }

        return markdown;
    }

    private static void AddTargets(Scale.TargetSheet? targets, int count, List<Row> rows, double scanRatio)
    {
        if (targets is null)
        {
            return;
        }

        var (approximate, exact) = (rows[0], rows[1]);
        var at = string.Create(CultureInfo.InvariantCulture, $"at {count:N0} × {EmbeddedCorpus.Dimensions}-d");
        var peers = string.Join("; ", rows.Skip(2).Select(row => string.Create(CultureInfo.InvariantCulture, $"{row.Name} p95 {F(row.P95, "F2")} ms, recall {F(row.Recall, "F3")}")));
        targets.Add($"recall@10 ≥ 0.95 {at} (MiniLM vectors of text, default filter)", string.Create(CultureInfo.InvariantCulture, $"{approximate.Recall:F3}"), approximate.Recall >= 0.95, "`ann`");
        targets.Add(
            $"search p95 ≤ 5 ms {at}, in process",
            string.Create(CultureInfo.InvariantCulture, $"{approximate.P95:F2} ms (p50 {approximate.P50:F2}, {approximate.CpuMs:F2} ms CPU per search; exact scan p95 {exact.P95:F2} ms; {peers})"),
            approximate.P95 <= 5,
            "`ann`");
        targets.Add($"exact scan CPU ≤ 1.1× a bare `Dot` loop {at}", string.Create(CultureInfo.InvariantCulture, $"{scanRatio:F2}×"), scanRatio <= 1.1, "`ann`");
    }

    private static async Task<(Row Row, string Persistence, double ScanRatio)> MeasureApproximateStoreAsync(
        EmbeddedCorpus corpus, int count, float[] queries, List<string> queryTexts, long[] truth, string directory, CancellationToken cancellationToken)
    {
        var row = await MeasureStoreAsync("**this store, approximate index** (USearch HNSW f16, M 16, ef 96, filtered)", 10_000, corpus, count, queries, queryTexts, truth, directory, cancellationToken, keepOpen: true);
        var engine = row.Engine!;
        var index = engine.FindPartition(Partition)!.ApproximateIndex!;
        var memoryMb = index.MemoryUsage / 1e6;

        // Persisting the graph sealed under the partition's key instead of rebuilding it: serialise, seal, unseal, load.
        var watch = Stopwatch.StartNew();
        var saved = index.Save();
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var sealedBytes = new byte[saved.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, saved, sealedBytes, tag);
            var sealTime = watch.Elapsed;
            watch.Restart();
            var opened = new byte[sealedBytes.Length];
            aes.Decrypt(nonce, sealedBytes, tag, opened);
            using var loaded = ApproximateVectorIndex.Load(opened, EmbeddedCorpus.Dimensions);
            var loadTime = watch.Elapsed;
            await engine.DisposeAsync();
            var (rebuild, split, scanRatio) = await RebuildAndSplitAsync(corpus, count, queries, queryTexts, cancellationToken);
            return (row with { Engine = null, IndexMb = memoryMb, BuildSeconds = rebuild }, split + "\n\n" + string.Create(
                CultureInfo.InvariantCulture,
                $"Persisting instead of rebuilding, measured on the same graph: serialise + AES-GCM seal {sealTime.TotalSeconds:F2} s, unseal + load {loadTime.TotalSeconds:F2} s for {saved.Length / 1e6:F0} MB ({loaded.Count:N0} vectors), against the background rebuild's {rebuild:F1} s."), scanRatio);
        }
    }

    /// <summary>
    /// The start-up rebuild: the partition filled in memory (as recovery leaves it), then its graph built from scratch by
    /// the store's background builder, timed; then one store search's CPU split by phase on it. <c>--phases</c> runs only
    /// this (no log, no peers, prints and rewrites nothing): a quick loop for work on the search path.
    /// </summary>
    private static async Task<(double Seconds, string Split, double ScanRatio)> RebuildAndSplitAsync(EmbeddedCorpus corpus, int count, float[] queries, List<string> queryTexts, CancellationToken cancellationToken)
    {
        await using var builder = new ApproximateIndexBuilder(10_000, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var partition = new PartitionIndex(builder);
        for (var row = 0; row < count; row++)
        {
            partition.Put(corpus.Record(row, Partition, Start), null);
        }

        var (scan, scanRatio) = ScanAgainstBareLoop(partition, corpus, count, queries);
        var build = Stopwatch.StartNew();
        builder.Start();
        await builder.WhenIdleAsync(cancellationToken);
        var built = build.Elapsed.TotalSeconds;
        for (var q = 0; q < 100; q++)
        {
            partition.Search(Query(queries, queryTexts, q, SearchFilter));
        }

        return (built, SplitSearch(partition, queries, queryTexts) + " " + scan, scanRatio);
    }

    /// <summary>
    /// The exact scan (no graph yet) against the cheapest exact search there is, in CPU per query: the store's vector
    /// channel alone (queries without words, so no BM25; both cores, so the process's CPU) and one thread running
    /// <c>TensorPrimitives.Dot</c> over the same vectors, contiguous, into the same top-k heap.
    /// </summary>
    private static (string Text, double Ratio) ScanAgainstBareLoop(PartitionIndex partition, EmbeddedCorpus corpus, int count, float[] queries)
    {
        const int Searches = 200;
        var dims = EmbeddedCorpus.Dimensions;
        var noWords = Enumerable.Repeat(string.Empty, QueryCount).ToList();
        for (var q = 0; q < 20; q++)
        {
            partition.Search(Query(queries, noWords, q, SearchFilter));
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var q = 0; q < Searches; q++)
        {
            partition.Search(Query(queries, noWords, q, SearchFilter));
        }

        var store = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / Searches;
        var started = ThreadCpuClock.Now();
        for (var q = 0; q < Searches; q++)
        {
            var query = queries.AsSpan(q * dims, dims);
            var top = new TopSlots(Candidates);
            for (var row = 0; row < count; row++)
            {
                var score = System.Numerics.Tensors.TensorPrimitives.Dot(query, corpus.Vector(row));
                if (!top.IsFull || score > top.Worst)
                {
                    top.Offer(score, row);
                }
            }
        }

        var bare = (ThreadCpuClock.Now() - started).TotalMilliseconds / Searches;
        return (string.Create(CultureInfo.InvariantCulture, $"The exact scan (before the graph; vector channel only, top {Candidates}, both cores): {store:F2} ms of process CPU per search against {bare:F2} ms for a bare one-thread `Dot` loop over the same vectors ({store / bare:F2}×)."), store / bare);
    }

    /// <summary>One store search's CPU time by phase, on this thread (with the index nothing in a search runs on another).</summary>
    private static string SplitSearch(PartitionIndex partition, float[] queries, List<string> queryTexts)
    {
        var times = new SearchPhaseTimes(ThreadCpuClock.Now);
        for (var q = 0; q < QueryCount; q++)
        {
            partition.Search(Query(queries, queryTexts, q, SearchFilter), times);
        }

        double Ms(TimeSpan total) => total.TotalMilliseconds / times.Searches;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"One store search with the index, split by phase (CPU time of the searching thread, mean of {times.Searches:N0} queries): filter pass {Ms(times.Filter):F2} ms, vector channel (graph walk + exact re-scoring) {Ms(times.Vector):F2} ms, BM25 channel (scoring + its top {Candidates}) {Ms(times.Lexical):F2} ms, attaching candidates (records with their vectors, merged) {Ms(times.Attach):F2} ms.");
    }

    private static async Task<Row> MeasureStoreAsync(
        string name, int threshold, EmbeddedCorpus corpus, int count, float[] queries, List<string> queryTexts, long[] truth, string directory, CancellationToken cancellationToken, bool keepOpen = false)
    {
        var engine = LocalStorageEngine.Open(new LocalStoreOptions
        {
            DataDirectory = directory,
            CompactAfterLogBytes = long.MaxValue,
            CompactAfterLogRecords = int.MaxValue,
            ApproximateIndexThreshold = threshold,
        });
        var store = new LocalMemoryStore(engine);
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var row = Interlocked.Increment(ref next); row < count; row = Interlocked.Increment(ref next))
            {
                var memory = corpus.Record(row, Partition, Start);
                ids[row] = memory.Id;
                await store.AddAsync(Partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "bench"), cancellationToken: cancellationToken);
            }
        }, cancellationToken)));

        await engine.WhenVectorIndexesBuiltAsync(cancellationToken);
        var rowOf = ids.Select((id, row) => (id, row)).ToDictionary(pair => pair.id, pair => (long)pair.row, StringComparer.Ordinal);

        for (var i = 0; i < 100; i++)
        {
            await store.SearchAsync(Partition, Query(queries, queryTexts, i % QueryCount, SearchFilter), cancellationToken);
        }

        var latencies = new List<double>(QueryCount);
        var hits = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var q = 0; q < QueryCount; q++)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await store.SearchAsync(Partition, Query(queries, queryTexts, q, SearchFilter), cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var top = found.Where(c => c.VectorRank is <= TopK).Select(c => rowOf[c.Memory.Id]).ToHashSet();
            hits += truth.AsSpan(q * TopK, TopK).ToArray().Count(top.Contains);
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / QueryCount;
        var percentiles = new Percentiles(latencies);
        if (!keepOpen)
        {
            await engine.DisposeAsync();
        }

        return new Row(name, double.NaN, percentiles.P50, percentiles.P95, cpuMs, hits / (double)(TopK * QueryCount), double.NaN, keepOpen ? engine : null);
    }

    private static MemorySearchQuery Query(float[] queries, List<string> texts, int q, MemoryFilter filter) =>
        new(queries.AsSpan(q * EmbeddedCorpus.Dimensions, EmbeddedCorpus.Dimensions).ToArray(), texts[q], filter, Candidates);

    private static async Task<IEnumerable<Row>> RunPeersAsync(float[] baseVectors, float[] queries, long[] truth, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "base.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(baseVectors.AsSpan()).ToArray(), cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(directory, "queries.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(queries.AsSpan()).ToArray(), cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(directory, "truth.i64"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(truth.AsSpan()).ToArray(), cancellationToken);
        var script = Path.Combine(AppContext.BaseDirectory, "Ann", "peers.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, directory, EmbeddedCorpus.Dimensions.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var rows = new List<Row>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var name = root.GetProperty("name").GetString()!;
            rows.Add(root.TryGetProperty("error", out var error)
                ? new Row($"{name} (not run: {error.GetString()})", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, null)
                : new Row(name, root.GetProperty("build_s").GetDouble(), root.GetProperty("p50_ms").GetDouble(), root.GetProperty("p95_ms").GetDouble(), double.NaN, root.GetProperty("recall").GetDouble(), root.GetProperty("peak_rss_growth_mb").GetDouble(), null));
        }

        if (rows.Count == 0)
        {
            rows.Add(new Row($"peers not run (python3 exit {process.ExitCode}: {errors.Trim().Split('\n').LastOrDefault()})", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, null));
        }

        return rows;
    }

    private static string Report(int count, List<Row> rows, string persistence, string loadAtStart, string loadAtEnd)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at start {loadAtStart}, at the end {loadAtEnd}.");
        text.AppendLine();
        text.AppendLine(culture, $"{count:N0} memories × {EmbeddedCorpus.Dimensions}-d in one partition: all-MiniLM-L6-v2 embeddings of generated first-person memory sentences (`SentenceCorpus`, seed {CorpusSeed}), {QueryCount:N0} held-out sentences of the same generator as queries. Store rows: `SearchAsync` with the default search filter (searchable kinds, visible now; every memory passes), {Candidates} candidates per channel (what top 10 asks), BM25 included, one query at a time on one caller; recall@10 = share of the exact top 10 by cosine (USearch's exact search over the same vectors) among the vector channel's first 10. Peers: the same vectors and queries, one query at a time on one thread (`OMP_NUM_THREADS=1`), from Python (which adds some microseconds per query); no filter, no BM25. Build = time until searches use the index; for the store, its rebuild after a start-up (recovery loads the partition whole, then one background thread builds the graph while exact search serves).");
        text.AppendLine();
        text.AppendLine("| index | build s | p50 ms | p95 ms | CPU ms/search | recall@10 | index memory MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(culture, $"| {row.Name} | {F(row.BuildSeconds, "F1")} | {F(row.P50, "F2")} | {F(row.P95, "F2")} | {F(row.CpuMs, "F2")} | {F(row.Recall, "F3")} | {F(row.IndexMb, "F0")} |");
        }

        var approximate = rows[0];
        text.AppendLine();
        text.AppendLine(culture, $"Targets (issue 27): recall@10 ≥ 0.95 — measured {approximate.Recall:F3} ({(approximate.Recall >= 0.95 ? "met" : "missed")}); p95 ≤ 5 ms — measured {approximate.P95:F2} ms ({(approximate.P95 <= 5 ? "met" : $"missed by {approximate.P95 - 5:F2} ms")}), at the load stated above. Index memory: the store's row is USearch's own count (graph + f16 vectors, beside the f32 block the exact scan and re-scoring read); peers' is the growth of the Python process's peak resident set while building.");
        text.AppendLine();
        text.AppendLine(persistence);
        return text.ToString();
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Row(string Name, double BuildSeconds, double P50, double P95, double CpuMs, double Recall, double IndexMb, LocalStorageEngine? Engine);

    private sealed class ScratchDirectory : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("memory-ann-").FullName;

        public string Sub(string name) => Path.Combine(_root, name);

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
