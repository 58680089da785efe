using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench;

/// <summary>
/// In-process measurements of the embedded store: search latency by partition size and dimensions, durable write
/// latency, write throughput under concurrency, and resident memory against the raw vector bytes.
/// </summary>
internal static class StoreBenchmark
{
    private const int TopK = 10;
    private static readonly MemoryPartition Partition = new("bench", "user");

    public static async Task<List<string>> RunAsync(bool quick)
    {
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), TimeProvider.System);
        var output = new List<string>();
        // Resident memory first, while the process is small: later phases leave the GC holding freed segments, which
        // makes working-set deltas meaningless.
        var memoryRows = new List<string>();
        foreach (var dimensions in new[] { 384, 1536 })
        {
            memoryRows.Add(await MemoryProbe.InChildProcessAsync(dimensions, 10_000));
            Console.Error.WriteLine(memoryRows[^1]);
        }

        // Bandwidth is measured before every row and the best kept: other processes' memory traffic only ever lowers it,
        // and a floor computed from a depressed figure would sit above what the loops actually achieved.
        int[] sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
        var bandwidth = 0d;
        var measured = new List<(int Dimensions, int Size, Func<double, string> Row)>();
        foreach (var dimensions in new[] { 384, 1536 })
        {
            foreach (var size in sizes)
            {
                bandwidth = Math.Max(bandwidth, MemoryBandwidth.MeasureBytesPerSecond());
                // Give the 256 MB array back now: a later full collection of it would be charged to a search row.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var (row, _) = await MeasureSearchAsync(ranker, dimensions, size, measureMemory: false);
                measured.Add((dimensions, size, row));
                Console.Error.WriteLine(row(bandwidth));
            }
        }

        output.AddRange(
        [
            Invariant($"Store benchmark measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the end {MachineInfo.LoadAverage()}"),
            string.Empty,
            "### Search (store SearchAsync + HybridRanker, top 10 of 40 candidates per channel, one partition) vs exact loop vs bandwidth floor",
            string.Empty,
            Invariant($"Exact loop = one thread, `TensorPrimitives.Dot` over the same vectors + top-10 heap, nothing else. Bandwidth floor = vector bytes ÷ {bandwidth / 1e9:F1} GB/s (best single-thread read bandwidth of a 256 MB SIMD sum, measured in this process before each row)."),
            string.Empty,
            "| dims | memories | vector MB | store p50 ms | store p95 ms | store p99 ms | store CPU ms/search | exact loop p50 ms | exact loop p95 ms | bandwidth floor ms | searches | load (writes/s, 64 writers via WAL) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]);
        output.AddRange(measured.Select(m => m.Row(bandwidth)));

        output.Add(string.Empty);
        output.Add("### Resident memory (10k memories in one partition, after a full GC)");
        output.Add(string.Empty);
        output.Add("| dims | raw vector bytes | managed heap Δ | ratio | working set Δ | ratio |");
        output.Add("|---:|---:|---:|---:|---:|---:|");
        output.AddRange(memoryRows);

        output.Add(string.Empty);
        output.Add("### Durable writes (AddAsync, 1536-d, acknowledged after fsync)");
        output.Add(string.Empty);
        output.Add("| scenario | writes | p50 ms | p95 ms | p99 ms | writes/s |");
        output.Add("|---|---:|---:|---:|---:|---:|");
        output.Add(await MeasureWritesAsync(concurrency: 1, total: quick ? 500 : 2_000));
        output.Add(await MeasureWritesAsync(concurrency: 32, total: quick ? 5_000 : 20_000));

        return output;
    }

    /// <returns>The table row as a function of the bandwidth floor (known only once every row is measured), and the memory row.</returns>
    private static async Task<(Func<double, string> Row, string? MemoryRow)> MeasureSearchAsync(HybridRanker ranker, int dimensions, int size, bool measureMemory)
    {
        var data = new SyntheticMemories(dimensions, seed: size + dimensions);
        var directory = NewDirectory();
        try
        {
            var before = ResidentBytes();
            var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory, CompactAfterLogBytes = long.MaxValue, CompactAfterLogRecords = int.MaxValue });
            await using (engine)
            {
                var store = new LocalMemoryStore(engine);
                var loadTime = Stopwatch.StartNew();
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
                {
                    var local = new SyntheticMemories(dimensions, Environment.CurrentManagedThreadId * 7919 + size);
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < size)
                    {
                        var memory = local.Memory(Partition, index);
                        await store.AddAsync(Partition, memory, SyntheticMemories.Added(memory));
                    }
                })));
                var loadRate = size / loadTime.Elapsed.TotalSeconds;
                string? memoryRow = null;
                if (measureMemory)
                {
                    var after = ResidentBytes();
                    var raw = (long)size * dimensions * sizeof(float);
                    var heap = after.Heap - before.Heap;
                    var workingSet = after.WorkingSet - before.WorkingSet;
                    memoryRow = Invariant($"| {dimensions} | {Mb(raw)} | {Mb(heap)} | {(double)heap / raw:F2}× | {Mb(workingSet)} | {(double)workingSet / raw:F2}× |");
                }

                var filter = new MemoryFilter { At = TimeProvider.System.GetUtcNow() };
                if (measureMemory)
                {
                    return (_ => string.Empty, memoryRow);
                }

                // Warm-up long enough for tiered JIT to finish: a background tier-1 compile would count as search CPU.
                var iterations = size >= 100_000 ? 100 : 400;
                var warmUp = size >= 100_000 ? 20 : 200;
                var samples = new List<double>(iterations);
                var cpu = TimeSpan.Zero;
                var warmUpUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                for (var i = -warmUp; i < iterations; i++)
                {
                    if (i == 0 && Stopwatch.GetTimestamp() < warmUpUntil)
                    {
                        // Keep warming up for at least a second: tiered JIT promotes hot methods on a timer, not a count.
                        i = -1;
                    }

                    if (i == 0)
                    {
                        cpu = CpuTime();
                    }

                    var vector = data.Vector();
                    var text = data.Text(3);
                    var started = Stopwatch.GetTimestamp();
                    var candidates = await store.SearchAsync(Partition, new MemorySearchQuery(vector, text, filter, TopK * ranker.CandidateMultiplier));
                    var ranked = ranker.Rank(candidates, TopK, 0);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (i >= 0)
                    {
                        samples.Add(elapsed);
                    }

                    GC.KeepAlive(ranked);
                }

                var cpuPerSearch = (CpuTime() - cpu).TotalMilliseconds / iterations;
                var p = new Percentiles(samples);
                var vectors = new List<float[]>(size);
                await foreach (var memory in store.ExportMemoriesAsync(Partition))
                {
                    vectors.Add(memory.Embedding);
                }

                var exact = ExactSearchBaseline.Measure(vectors, data, TopK, iterations, warmUp);
                var bytes = (long)size * dimensions * sizeof(float);
                return (bandwidth => Invariant($"| {dimensions} | {size:N0} | {bytes / 1e6:F1} | {p.P50:F2} | {p.P95:F2} | {p.P99:F2} | {cpuPerSearch:F2} | {exact.P50:F2} | {exact.P95:F2} | {bytes / bandwidth * 1000:F2} | {p.Count} | {loadRate:N0} |"), memoryRow);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> MeasureWritesAsync(int concurrency, int total)
    {
        var directory = NewDirectory();
        try
        {
            await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
            var store = new LocalMemoryStore(engine);
            var samples = new List<double>(total);
            var gate = new Lock();
            var warmUp = new SyntheticMemories(1536, 99);
            for (var i = 0; i < 50; i++)
            {
                var memory = warmUp.Memory(new MemoryPartition("bench", "warm-up"), i);
                await store.AddAsync(memory.Partition, memory, SyntheticMemories.Added(memory));
            }

            var next = -1;
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(writer => Task.Run(async () =>
            {
                var data = new SyntheticMemories(1536, writer);
                var partition = new MemoryPartition("bench", $"user{writer}");
                var local = new List<double>();
                int index;
                while ((index = Interlocked.Increment(ref next)) < total)
                {
                    var memory = data.Memory(partition, index);
                    var started = Stopwatch.GetTimestamp();
                    await store.AddAsync(partition, memory, SyntheticMemories.Added(memory));
                    local.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                lock (gate)
                {
                    samples.AddRange(local);
                }
            })));
            var rate = total / wall.Elapsed.TotalSeconds;
            var p = new Percentiles(samples);
            var scenario = concurrency == 1 ? "one writer, sequential" : $"{concurrency} concurrent writers";
            return Invariant($"| {scenario} | {total:N0} | {p.P50:F2} | {p.P95:F2} | {p.P99:F2} | {rate:N0} |");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (long Heap, long WorkingSet) ResidentBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>Process CPU time: with the log loop idle during searches, its growth is the search's own cost, whatever else the machine runs.</summary>
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "memory-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Mb(long bytes) => Invariant($"{bytes / (1024.0 * 1024.0):F1} MB");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
