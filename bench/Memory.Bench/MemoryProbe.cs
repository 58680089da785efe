using System.Diagnostics;
using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;

namespace MemoryFunctions.Bench;

/// <summary>
/// Resident memory of one loaded store, measured in a process of its own: in a process that has run other phases the
/// GC keeps freed segments and survivors of earlier phases, and the deltas mean nothing.
/// </summary>
internal static class MemoryProbe
{
    public static async Task<string> MeasureAsync(int dimensions, int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), "memory-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var partition = new MemoryPartition("bench", "user");
            var data = new SyntheticMemories(dimensions, seed: dimensions);
            // Fixed costs (JIT, serializer metadata, assemblies) are paid once per process, not per memory: pay them on a
            // throw-away store first so the deltas below are what the 10k memories cost.
            await WarmUpAsync(directory + "-warm-up", partition, dimensions);
            var before = Resident();
            var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
            await using (engine)
            {
                var store = new LocalMemoryStore(engine);
                for (var start = 0; start < count; start += 256)
                {
                    var chunk = Enumerable.Range(start, Math.Min(256, count - start)).Select(i => data.Memory(partition, i)).ToList();
                    await Task.WhenAll(chunk.Select(memory => store.AddAsync(partition, memory, SyntheticMemories.Added(memory))));
                }

                // The callers' records and arrays are garbage by now: the store keeps its own copy of each vector. A
                // partition past the approximate index's threshold holds its graph too, once built.
                await engine.WhenVectorIndexesBuiltAsync();
                var after = Resident();
                var raw = (long)count * dimensions * sizeof(float);
                var heap = after.Heap - before.Heap;
                var workingSet = after.WorkingSet - before.WorkingSet;
                GC.KeepAlive(store);
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {dimensions} | {Mb(raw)} | {Mb(heap)} | {(double)heap / raw:F2}× | {Mb(workingSet)} | {(double)workingSet / raw:F2}× |");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs <see cref="MeasureAsync"/> in a process of its own (this program's <c>memory-probe</c> verb); returns its table row.</summary>
    public static async Task<string> InChildProcessAsync(int dimensions, int count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        start.ArgumentList.Add("memory-probe");
        start.ArgumentList.Add(dimensions.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var row = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return row.Trim();
    }

    /// <summary>The working set's growth in bytes from a row of <see cref="MeasureAsync"/> (its fifth cell, in MB).</summary>
    public static double WorkingSetBytes(string row)
    {
        var cells = row.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return cells.Length >= 5 && cells[4].EndsWith(" MB", StringComparison.Ordinal) && double.TryParse(cells[4][..^3], CultureInfo.InvariantCulture, out var mb)
            ? mb * 1024 * 1024
            : double.NaN;
    }

    private static async Task WarmUpAsync(string directory, MemoryPartition partition, int dimensions)
    {
        var data = new SyntheticMemories(dimensions, seed: 1);
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory }))
        {
            var store = new LocalMemoryStore(engine);
            var memories = Enumerable.Range(0, 300).Select(i => data.Memory(partition, i)).ToList();
            await Task.WhenAll(memories.Select(memory => store.AddAsync(partition, memory, SyntheticMemories.Added(memory))));
            await store.SearchAsync(partition, new(data.Vector(), data.Text(3), new() { At = TimeProvider.System.GetUtcNow() }, 40));
            await engine.CompactAsync();
        }

        Directory.Delete(directory, recursive: true);
    }

    private static (long Heap, long WorkingSet) Resident()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F1} MB");
}
