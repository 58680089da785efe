using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// Erasure by crypto-shredding: the proof is that the user's keys are in no file (log, snapshot, keyring, temp files)
/// once the erase returns, that no record names them after the next compaction, and that no text is ever on disk in clear.
/// </summary>
public sealed class ErasureTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");

    [Fact]
    public async Task EraseAsync_Returns_UsersKeysInNoFileAndTheirRecordsGoneAfterCompaction()
    {
        await using var harness = new StoreHarness();
        const string Secret = "Alice's passport number is XK-4471-SECRET";
        var aliceMemory = StoreHarness.Memory(Alice, Secret);
        await harness.Memories.AddAsync(Alice, aliceMemory, StoreHarness.Added(aliceMemory));
        await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_a", "my bank pin is 9931-SECRET"));
        var aliceKeys = KeySlots(harness.DataDirectory);
        await harness.Engine.CompactAsync();
        var replaced = aliceMemory with { Text = Secret + " (updated)" };
        await harness.Memories.ReplaceAsync(Alice, replaced, null, StoreHarness.Event(replaced, HistoryOperation.Update, StoreHarness.T0.AddHours(1)));
        var bobMemory = StoreHarness.Memory(Bob, "Bob keeps bees");
        await harness.Memories.AddAsync(Bob, bobMemory, StoreHarness.Added(bobMemory));
        Assert.Equal(2, aliceKeys.Count);
        Assert.All(aliceKeys, key => Assert.True(FilesContaining(harness.DataDirectory, key.Key).Count > 0, "the scan finds a live key"));
        Assert.All(aliceKeys, key => Assert.Contains("snapshot.bin", FilesContaining(harness.DataDirectory, key.Id)));

        var erased = await harness.Memories.EraseAsync(Alice);

        Assert.Equal((1, 1), (erased.MemoriesErased, erased.OperationsErased));
        Assert.All(aliceKeys, key => Assert.Empty(FilesContaining(harness.DataDirectory, key.Key)));
        foreach (var text in new[] { "XK-4471", "9931-SECRET", "Bob keeps bees" })
        {
            Assert.Empty(FilesContaining(harness.DataDirectory, System.Text.Encoding.UTF8.GetBytes(text)));
        }

        await harness.ReopenAsync();
        Assert.Null(await harness.Memories.GetAsync(Alice, aliceMemory.Id));
        Assert.Empty(await harness.Memories.GetHistoryAsync(Alice, aliceMemory.Id));
        Assert.Equal(erased.Epoch, await harness.Memories.GetEpochAsync(Alice));
        var stub = await harness.Operations.GetAsync(Alice, "op_a");
        Assert.Equal((OperationStatus.Cancelled, 0), (stub!.Status, stub.Request.Messages.Count));
        Assert.NotNull(await harness.Memories.GetAsync(Bob, bobMemory.Id));

        await harness.Engine.CompactAsync();
        Assert.All(aliceKeys, key => Assert.Empty(FilesContaining(harness.DataDirectory, key.Id)));
    }

    [Fact]
    public async Task EraseAsync_OfAUserWithData_WritesAKeySlotAndASmallMarkerWhateverTheStoreSize()
    {
        await using var harness = new StoreHarness();
        for (var i = 0; i < 50; i++)
        {
            var memory = StoreHarness.Memory(i % 2 == 0 ? Alice : Bob, $"memory {i}");
            await harness.Memories.AddAsync(memory.Partition, memory, StoreHarness.Added(memory));
        }

        await harness.Engine.CompactAsync();
        var before = Sizes(harness.DataDirectory);
        var snapshotWritten = File.GetLastWriteTimeUtc(Path.Combine(harness.DataDirectory, "snapshot.bin"));

        Assert.Equal(25, (await harness.Memories.EraseAsync(Alice)).MemoriesErased);
        Assert.Equal(0, (await harness.Memories.EraseAsync(new MemoryPartition("t1", "never-existed"))).MemoriesErased);

        // The erase markers (the epochs the write fence needs) are the only growth: no snapshot, no copy of anything.
        var after = Sizes(harness.DataDirectory);
        Assert.Equal(before["keys.bin"], after["keys.bin"]);
        Assert.Equal(before["snapshot.bin"], after["snapshot.bin"]);
        Assert.InRange(after.Single(pair => pair.Key.StartsWith("wal-", StringComparison.Ordinal)).Value - before.Single(pair => pair.Key.StartsWith("wal-", StringComparison.Ordinal)).Value, 1, 2 * 64);
        Assert.Equal(snapshotWritten, File.GetLastWriteTimeUtc(Path.Combine(harness.DataDirectory, "snapshot.bin")));
        Assert.Equal(25, (await harness.Memories.ListAsync(Bob, new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 100, null)).Items.Count);
    }

    [Fact]
    public async Task EraseAsync_ThenTheSameUserWritesAgain_OnlyTheNewRecordsComeBackAfterRestart()
    {
        await using var harness = new StoreHarness();
        var old = StoreHarness.Memory(Alice, "written before the erase");
        await harness.Memories.AddAsync(Alice, old, StoreHarness.Added(old));
        await harness.Memories.EraseAsync(Alice);
        var fresh = StoreHarness.Memory(Alice, "written after the erase");
        await harness.Memories.AddAsync(Alice, fresh, StoreHarness.Added(fresh));

        await harness.ReopenAsync();

        Assert.Null(await harness.Memories.GetAsync(Alice, old.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Alice, fresh.Id));
        Assert.Empty(await harness.Memories.GetHistoryAsync(Alice, old.Id));
    }

    /// <summary>The live key slots of keys.bin: key id and key bytes (offsets per <see cref="PartitionKeyring"/>).</summary>
    internal static List<(byte[] Id, byte[] Key)> KeySlots(string directory)
    {
        var bytes = ReadShared(Path.Combine(directory, PartitionKeyring.FileName));
        var slots = new List<(byte[], byte[])>();
        for (var offset = PartitionKeyring.SlotSize; offset + PartitionKeyring.SlotSize <= bytes.Length; offset += PartitionKeyring.SlotSize)
        {
            if (bytes[offset + 4] == 1)
            {
                slots.Add((bytes[(offset + 8)..(offset + 24)], bytes[(offset + 56)..(offset + 88)]));
            }
        }

        return slots;
    }

    internal static List<string> FilesContaining(string directory, byte[] needle) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(file) != "LOCK" && ReadShared(file).AsSpan().IndexOf(needle) >= 0)
            .Select(file => Path.GetFileName(file))];

    private static Dictionary<string, long> Sizes(string directory) =>
        Directory.GetFiles(directory).ToDictionary(file => Path.GetFileName(file), file => new FileInfo(file).Length);

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
