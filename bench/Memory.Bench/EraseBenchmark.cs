using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;

namespace MemoryFunctions.Bench;

/// <summary>
/// What erasing one user costs on a store of many users (100 memories each, 384-d, everything compacted into the
/// snapshot first): wall time and bytes the process wrote (Linux <c>/proc/self/io</c> wchar, so every write() counts),
/// then the latency of other users' writes while users are erased, then start-up time and resident memory of a fresh
/// process opening the store. Only the store's public API is used, so the same file measures an earlier release.
/// </summary>
internal static class EraseBenchmark
{
    private const int Dimensions = 384;
    private const int MemoriesPerUser = 100;
    private const int Writers = 8;

    public static async Task<List<string>> RunAsync(bool quick)
    {
        var rows = new List<string>
        {
            Invariant($"Erase benchmark measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}"),
            string.Empty,
            $"| memories | users | store MiB | erase p50 ms | erase max ms | bytes written per erase | % of store | other users' write p50 / p99 / max ms, no erase | same while erasing | start-up s | RSS after start-up MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
        };
        foreach (var size in quick ? [10_000] : new[] { 10_000, 200_000 })
        {
            rows.Add(await MeasureAsync(size));
            Console.Error.WriteLine(rows[^1]);
        }

        return rows;
    }

    /// <summary>Child process: opens the store in <paramref name="directory"/> and prints seconds and resident MiB.</summary>
    public static string MeasureStartup(string directory)
    {
        var started = Stopwatch.GetTimestamp();
        using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return Invariant($"{seconds:F2} {process.WorkingSet64 / (1024.0 * 1024.0):F0}");
    }

    private static async Task<string> MeasureAsync(int size)
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", "erase-" + Guid.NewGuid().ToString("N"));
        var users = size / MemoriesPerUser;
        try
        {
            List<double> erases = [];
            List<long> written = [];
            double storeBytes;
            Percentiles quiet;
            Percentiles erasing;
            await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory }))
            {
                var store = new LocalMemoryStore(engine);
                await FillAsync(store, users);
                await engine.CompactAsync();
                storeBytes = Directory.GetFiles(directory).Sum(file => new FileInfo(file).Length);

                // One erase at a time, nothing else running, so the process's write bytes are the erase's alone.
                for (var user = 0; user < 10; user++)
                {
                    var before = WrittenBytes();
                    var started = Stopwatch.GetTimestamp();
                    await store.EraseAsync(User(user));
                    erases.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    written.Add(WrittenBytes() - before);
                }

                quiet = await WriteWhileAsync(store, users, () => Task.Delay(TimeSpan.FromSeconds(3)));
                erasing = await WriteWhileAsync(store, users, async () =>
                {
                    for (var user = 10; user < 40; user++)
                    {
                        await store.EraseAsync(User(user));
                        await Task.Delay(100);
                    }
                });
            }

            var startup = await StartupInChildProcessAsync(directory);
            var bytes = written.Order().ElementAt(written.Count / 2);
            return Invariant(
                $"| {size:N0} | {users:N0} | {storeBytes / (1024 * 1024):F0} | {erases.Order().ElementAt(erases.Count / 2):F1} | {erases.Max():F1} | {bytes:N0} | {100.0 * bytes / storeBytes:F4} % | {Row(quiet)} | {Row(erasing)} | {startup.Split(' ')[0]} | {startup.Split(' ')[1]} |");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task FillAsync(LocalMemoryStore store, int users)
    {
        var data = new SyntheticMemories(Dimensions, seed: 13);
        for (var user = 0; user < users; user += 8)
        {
            var chunk = Enumerable.Range(user, Math.Min(8, users - user))
                .SelectMany(u => Enumerable.Range(0, MemoriesPerUser).Select(i => data.Memory(User(u), i)))
                .ToList();
            await Task.WhenAll(chunk.Select(memory => store.AddAsync(memory.Partition, memory, SyntheticMemories.Added(memory))));
        }
    }

    /// <summary>Latency of <see cref="Writers"/> writers adding memories for users that are never erased, while <paramref name="during"/> runs.</summary>
    private static async Task<Percentiles> WriteWhileAsync(LocalMemoryStore store, int users, Func<Task> during)
    {
        var samples = new List<double>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var data = new SyntheticMemories(Dimensions, seed: 17 + writer);
            var mine = new List<double>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var memory = data.Memory(User(users - 1 - writer), 1_000_000 + (writer * 1_000_000) + i);
                var started = Stopwatch.GetTimestamp();
                await store.AddAsync(memory.Partition, memory, SyntheticMemories.Added(memory));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        })).ToList();
        await during();
        await stop.CancelAsync();
        foreach (var writer in writers)
        {
            samples.AddRange(await writer);
        }

        return new Percentiles(samples);
    }

    private static async Task<string> StartupInChildProcessAsync(string directory)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EraseBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add("startup-probe");
        start.ArgumentList.Add(directory);
        using var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return line.Trim();
    }

    private static string Row(Percentiles latencies) => Invariant($"{latencies.P50:F1} / {latencies.P99:F1} / {latencies.Max:F0} ({latencies.Count:N0} writes)");

    private static MemoryPartition User(int index) => new("bench", Invariant($"user-{index:D5}"));

    /// <summary>Bytes this process passed to write() so far (Linux; 0 elsewhere).</summary>
    private static long WrittenBytes() =>
        File.Exists("/proc/self/io")
            ? File.ReadLines("/proc/self/io").Where(line => line.StartsWith("wchar:", StringComparison.Ordinal)).Select(line => long.Parse(line[6..].Trim(), CultureInfo.InvariantCulture)).Single()
            : 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
