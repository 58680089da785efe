using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

public sealed class CompactionTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");

    [Fact]
    public async Task Write_PastRecordThreshold_SnapshotsAndRestartKeepsEverything()
    {
        await using var harness = new StoreHarness(new LocalStoreOptions { CompactAfterLogRecords = 25 });
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var memory = StoreHarness.Memory(Alice, $"fact {i}", [i, 1f, 0f, 0f], StoreHarness.T0.AddSeconds(i));
            await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
            ids.Add(memory.Id);
        }

        var deleted = (await harness.Memories.GetAsync(Alice, ids[3]))!;
        await harness.Memories.DeleteAsync(Alice, deleted.Id, deleted.ETag, StoreHarness.Event(deleted, HistoryOperation.Delete, StoreHarness.T0.AddDays(1)));

        var snapshot = new FileInfo(Path.Combine(harness.DataDirectory, "snapshot.bin"));
        Assert.True(snapshot.Exists);
        Assert.True(harness.Engine.LogBytes < snapshot.Length / 2, "the log was restarted at the last snapshot");
        await harness.ReopenAsync();

        var page = await harness.Memories.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0.AddDays(2) }, 1000, null);
        Assert.Equal(59, page.Items.Count);
        Assert.Equal(ids.Where(id => id != deleted.Id).Order(StringComparer.Ordinal), page.Items.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Delete], (await harness.Memories.GetHistoryAsync(Alice, deleted.Id)).Select(e => e.Operation));
        Assert.Single(Directory.GetFiles(harness.DataDirectory, "wal-*.log"));
    }

    [Fact]
    public async Task CompactAsync_ThenRestartAndMoreWrites_KeepsSnapshotAndLog()
    {
        await using var harness = new StoreHarness();
        var first = StoreHarness.Memory(Alice, "before the snapshot");
        await harness.Memories.AddAsync(Alice, first, StoreHarness.Added(first));
        await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_1"));
        await harness.Engine.CompactAsync();
        var second = StoreHarness.Memory(Alice, "after the snapshot");
        await harness.Memories.AddAsync(Alice, second, StoreHarness.Added(second));

        await harness.ReopenAsync();

        Assert.NotNull(await harness.Memories.GetAsync(Alice, first.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Alice, second.Id));
        Assert.NotNull(await harness.Operations.GetAsync(Alice, "op_1"));
        Assert.Equal(4, harness.Engine.StoredVectorDimensions);
    }

    [Fact]
    public async Task EraseAsync_Returns_NoByteOfTheUsersTextLeftInDataDirectory()
    {
        await using var harness = new StoreHarness();
        const string Secret = "Alice's passport number is XK-4471-SECRET";
        const string OperationSecret = "my bank pin is 9931-SECRET";
        var aliceMemory = StoreHarness.Memory(Alice, Secret);
        await harness.Memories.AddAsync(Alice, aliceMemory, StoreHarness.Added(aliceMemory));
        await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_a", OperationSecret));
        await harness.Engine.CompactAsync();
        var replaced = aliceMemory with { Text = Secret + " (updated)" };
        await harness.Memories.ReplaceAsync(Alice, replaced, null, StoreHarness.Event(replaced, HistoryOperation.Update, StoreHarness.T0.AddHours(1)));
        var bobMemory = StoreHarness.Memory(Bob, "Bob keeps bees");
        await harness.Memories.AddAsync(Bob, bobMemory, StoreHarness.Added(bobMemory));
        Assert.True(DirectoryContains(harness.DataDirectory, "XK-4471"));

        var erased = await harness.Memories.EraseAsync(Alice);

        Assert.Equal((1, 1), (erased.MemoriesErased, erased.OperationsErased));

        Assert.False(DirectoryContains(harness.DataDirectory, "XK-4471"));
        Assert.False(DirectoryContains(harness.DataDirectory, "9931-SECRET"));
        // The user id itself stays, in the erase marker that carries the partition's epoch and in the content-free stub of the
        // operation the erase cancelled: without them a write begun before the erase could not be refused (docs/security.md).
        Assert.True(DirectoryContains(harness.DataDirectory, "alice"));
        Assert.True(DirectoryContains(harness.DataDirectory, "Bob keeps bees"));
        await harness.ReopenAsync();
        Assert.Null(await harness.Memories.GetAsync(Alice, aliceMemory.Id));
        Assert.Empty(await harness.Memories.GetHistoryAsync(Alice, aliceMemory.Id));
        var stub = await harness.Operations.GetAsync(Alice, "op_a");
        Assert.Equal((OperationStatus.Cancelled, 0), (stub!.Status, stub.Request.Messages.Count));
        Assert.NotNull(await harness.Memories.GetAsync(Bob, bobMemory.Id));
    }

    [Fact]
    public async Task EraseAsync_PendingWritesInSameBatch_AreOrderedAroundTheErase()
    {
        await using var harness = new StoreHarness();
        var before = StoreHarness.Memory(Alice, "before erase");
        var after = StoreHarness.Memory(Alice, "after erase");
        var tasks = new List<Task>
        {
            harness.Memories.AddAsync(Alice, before, StoreHarness.Added(before)),
            harness.Memories.EraseAsync(Alice),
            harness.Memories.AddAsync(Alice, after, StoreHarness.Added(after)),
        };
        await Task.WhenAll(tasks);

        await harness.ReopenAsync();

        Assert.Null(await harness.Memories.GetAsync(Alice, before.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Alice, after.Id));
    }

    private static bool DirectoryContains(string directory, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        // LOCK is held exclusively by the open engine and is always empty.
        return Directory.GetFiles(directory)
            .Where(file => Path.GetFileName(file) != "LOCK")
            .Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);
    }
}
