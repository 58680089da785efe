using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>States a crash during compaction can leave behind, recreated by hand.</summary>
public sealed class CompactionCrashTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public async Task Open_LeftoverTempSnapshotAndStaleLog_IgnoredAndRemoved()
    {
        await using var harness = new StoreHarness();
        var memory = await AddAsync(harness, "kept");
        await harness.Engine.CompactAsync();
        await harness.CloseAsync();
        await File.WriteAllBytesAsync(Path.Combine(harness.DataDirectory, "snapshot.tmp"), [1, 2, 3, 4, 5]);
        await File.WriteAllBytesAsync(Path.Combine(harness.DataDirectory, "wal-000000000000.log"), [9, 9, 9]);

        harness.OpenAgain();

        Assert.NotNull(await harness.Memories.GetAsync(Alice, memory.Id));
        Assert.False(File.Exists(Path.Combine(harness.DataDirectory, "snapshot.tmp")));
        Assert.Equal(["wal-000000000001.log"], Directory.GetFiles(harness.DataDirectory, "wal-*.log").Select(Path.GetFileName));
    }

    [Fact]
    public async Task Open_SnapshotRenamedButNewLogNotCreated_StartsFromSnapshot()
    {
        await using var harness = new StoreHarness();
        var memory = await AddAsync(harness, "kept");
        await harness.Engine.CompactAsync();
        await harness.CloseAsync();
        foreach (var log in Directory.GetFiles(harness.DataDirectory, "wal-*.log"))
        {
            File.Delete(log);
        }

        harness.OpenAgain();
        var later = await AddAsync(harness, "later");
        await harness.ReopenAsync();

        Assert.NotNull(await harness.Memories.GetAsync(Alice, memory.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Alice, later.Id));
    }

    [Fact]
    public async Task Open_DamagedSnapshot_RefusesToStartNamingTheSetting()
    {
        await using var harness = new StoreHarness();
        await AddAsync(harness, "kept");
        await harness.Engine.CompactAsync();
        await harness.CloseAsync();
        var snapshot = Path.Combine(harness.DataDirectory, "snapshot.bin");
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(snapshot, bytes);

        var error = Assert.Throws<LocalStoreDamagedException>(() => harness.OpenAgain());

        Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);

        // Failing again the same way (not with "directory in use") shows the failed open released its lock.
        Assert.Throws<LocalStoreDamagedException>(() => harness.OpenAgain());
    }

    private static async Task<MemoryRecord> AddAsync(StoreHarness harness, string text)
    {
        var memory = StoreHarness.Memory(Alice, text);
        await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
        return memory;
    }
}
