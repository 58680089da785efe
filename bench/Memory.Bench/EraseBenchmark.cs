using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;

namespace MemoryFunctions.Bench;

/// <summary>
/// What erasing one user costs on a store of many users (100 memories each, 384-d, everything compacted into the
/// snapshot first): wall time and bytes the process wrote (Linux <c>/proc/self/io</c> wchar, so every write() counts),
/// then the latency of other users' writes in a window without erases and in one where users are erased back to back
/// (all writes, then split into those that started while an erase was in flight — the ones queued behind it — and the
/// others of the same window as the control; split by start, not by overlap, because any slow write overlaps some erase
/// and would be blamed on it), then start-up time (wall and CPU: on a shared machine the wall time
/// is mostly waiting for a core) and resident memory of a fresh process opening the store. Only the store's public API
/// is used, so the same file measures an earlier release.
/// </summary>
internal static class EraseBenchmark
{
    private const int Dimensions = 384;
    private const int MemoriesPerUser = 100;
    private const int Writers = 8;
    private const int MaxErasesWhileWriting = 100;

    public static async Task<List<string>> RunAsync(bool quick)
    {
        var rows = new List<string>
        {
            Invariant($"Erase benchmark measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC · {MachineInfo.Describe()} · load average at the start {MachineInfo.LoadAverage()}"),
            string.Empty,
            $"| memories | users | store MiB | erase p50 / max ms | bytes written per erase | % of store | other users' write p50 / p99 / max ms: no erases | while erasing: all writes | … started during an erase | … started between erases | start-up s wall / CPU | RSS after start-up MiB | load average |",
            "|---:|---:|---:|---|---:|---:|---|---|---|---|---|---:|---|",
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
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime.TotalSeconds;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        return Invariant($"{seconds:F2} {cpu:F2} {process.WorkingSet64 / (1024.0 * 1024.0):F0}");
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
            List<TimedWrite> erasing;
            var eraseIntervals = new List<(long Start, long End)>();
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

                quiet = Latencies(await WriteWhileAsync(store, users, () => Task.Delay(TimeSpan.FromSeconds(3))));
                erasing = await WriteWhileAsync(store, users, async () =>
                {
                    // Never a writer's user (the last Writers users) and never one erased above.
                    for (var user = 10; user < Math.Min(10 + MaxErasesWhileWriting, users - Writers); user++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await store.EraseAsync(User(user));
                        eraseIntervals.Add((started, Stopwatch.GetTimestamp()));
                        await Task.Delay(50);
                    }
                });
            }

            var queuedBehindErase = erasing.ToLookup(write => eraseIntervals.Any(erase => erase.Start <= write.Start && write.Start < erase.End));
            var load = MachineInfo.LoadAverage();
            var startup = (await StartupInChildProcessAsync(directory)).Split(' ');
            var bytes = written.Order().ElementAt(written.Count / 2);
            return Invariant(
                $"| {size:N0} | {users:N0} | {storeBytes / (1024 * 1024):F0} | {erases.Order().ElementAt(erases.Count / 2):F1} / {erases.Max():F1} | {bytes:N0} | {100.0 * bytes / storeBytes:G2} % | {Row(quiet)} | {Row(Latencies(erasing))} ({eraseIntervals.Count} erases) | {Row(Latencies(queuedBehindErase[true]))} | {Row(Latencies(queuedBehindErase[false]))} | {startup[0]} / {startup[1]} | {startup[2]} | {load} |");
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

    /// <summary>Every write of <see cref="Writers"/> writers adding memories for users that are never erased, while <paramref name="during"/> runs.</summary>
    private static async Task<List<TimedWrite>> WriteWhileAsync(LocalMemoryStore store, int users, Func<Task> during)
    {
        var samples = new List<TimedWrite>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var data = new SyntheticMemories(Dimensions, seed: 17 + writer);
            var mine = new List<TimedWrite>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var memory = data.Memory(User(users - 1 - writer), 1_000_000 + (writer * 1_000_000) + i);
                var started = Stopwatch.GetTimestamp();
                await store.AddAsync(memory.Partition, memory, SyntheticMemories.Added(memory));
                mine.Add(new TimedWrite(started, Stopwatch.GetTimestamp()));
            }

            return mine;
        })).ToList();
        await during();
        await stop.CancelAsync();
        foreach (var writer in writers)
        {
            samples.AddRange(await writer);
        }

        return samples;
    }

    private static Percentiles Latencies(IEnumerable<TimedWrite> writes) => new([.. writes.Select(write => Stopwatch.GetElapsedTime(write.Start, write.End).TotalMilliseconds)]);

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

    /// <summary>One write's start and end (<see cref="Stopwatch"/> timestamps), so writes can be matched with the erases they overlapped.</summary>
    private readonly record struct TimedWrite(long Start, long End);
}
