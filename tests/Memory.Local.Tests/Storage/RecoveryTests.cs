using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

public sealed class RecoveryTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public async Task Open_AfterRestart_KeepsMemoriesHistoryAndOperations()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "Alice likes green tea", [0.6f, 0.8f, 0f, 0f]);
        var added = await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
        var replaced = await harness.Memories.ReplaceAsync(
            Alice, added.Memory! with { Text = "Alice likes black tea" }, added.Memory!.ETag, StoreHarness.Event(memory, HistoryOperation.Update, StoreHarness.T0.AddHours(1)));
        var gone = StoreHarness.Memory(Alice, "Alice lives in Oslo");
        await harness.Memories.AddAsync(Alice, gone, StoreHarness.Added(gone));
        await harness.Memories.DeleteAsync(Alice, gone.Id, null, StoreHarness.Event(gone, HistoryOperation.Delete, StoreHarness.T0.AddHours(2)));
        var operation = await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_1"));
        await harness.Operations.UpdateAsync(operation.Operation! with { Status = OperationStatus.Running });

        await harness.ReopenAsync();

        var reloaded = await harness.Memories.GetAsync(Alice, memory.Id);
        Assert.NotNull(reloaded);
        Assert.Equal("Alice likes black tea", reloaded.Text);
        Assert.Equal(replaced.Memory!.ETag, reloaded.ETag);
        Assert.Equal([0.6f, 0.8f, 0f, 0f], reloaded.Embedding);
        Assert.Null(await harness.Memories.GetAsync(Alice, gone.Id));
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Update], (await harness.Memories.GetHistoryAsync(Alice, memory.Id)).Select(e => e.Operation));
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Delete], (await harness.Memories.GetHistoryAsync(Alice, gone.Id)).Select(e => e.Operation));
        var reloadedOperation = await harness.Operations.GetAsync(Alice, "op_1");
        Assert.Equal(OperationStatus.Running, reloadedOperation!.Status);
        Assert.Equal("I like green tea", reloadedOperation.Request.Messages[0].Content);
        Assert.Equal(["op_1"], await ToListAsync(harness.Operations.ListUnfinishedAsync()));

        // The sequence continues after a restart, so ETags never repeat.
        var again = await harness.Memories.ReplaceAsync(Alice, reloaded, reloaded.ETag, StoreHarness.Event(memory, HistoryOperation.Update, StoreHarness.T0.AddHours(3)));
        Assert.Equal(WriteStatus.Written, again.Status);
        Assert.NotEqual(reloaded.ETag, again.Memory!.ETag);
    }

    [Fact]
    public async Task Open_LogTruncatedMidRecord_RecoversEveryEarlierRecord()
    {
        await using var harness = new StoreHarness();
        var ids = await AddManyAsync(harness, 10);
        await harness.CloseAsync();
        var log = SingleLog(harness);
        var length = new FileInfo(log).Length;
        using (var file = new FileStream(log, FileMode.Open))
        {
            file.SetLength(length - 7);
        }

        harness.OpenAgain();

        for (var i = 0; i < 9; i++)
        {
            Assert.NotNull(await harness.Memories.GetAsync(Alice, ids[i]));
        }

        Assert.Null(await harness.Memories.GetAsync(Alice, ids[9]));
        Assert.True(new FileInfo(log).Length < length - 7, "the torn record is cut off");
        await AddAfterRepairSurvivesRestartAsync(harness);
    }

    [Fact]
    public async Task Open_GarbageAppendedToLog_RecoversAllRecordsAndTruncatesGarbage()
    {
        await using var harness = new StoreHarness();
        var ids = await AddManyAsync(harness, 10);
        await harness.CloseAsync();
        var log = SingleLog(harness);
        var length = new FileInfo(log).Length;
        var garbage = new byte[333];
        new Random(7).NextBytes(garbage);
        using (var file = new FileStream(log, FileMode.Append))
        {
            file.Write(garbage);
        }

        var logger = new RecordingLogger<LocalStorageEngine>();
        harness.OpenAgain(logger);

        foreach (var id in ids)
        {
            Assert.NotNull(await harness.Memories.GetAsync(Alice, id));
        }

        Assert.Equal(length, new FileInfo(log).Length);
        var warning = Assert.Single(logger.Entries, e => e.EventId.Id == 2001);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("333 bytes", warning.Message, StringComparison.Ordinal);
        await AddAfterRepairSurvivesRestartAsync(harness);
    }

    [Fact]
    public async Task Open_LastRecordChecksumCorrupt_DropsOnlyThatRecord()
    {
        await using var harness = new StoreHarness();
        var ids = await AddManyAsync(harness, 5);
        await harness.CloseAsync();
        var log = SingleLog(harness);
        var bytes = await File.ReadAllBytesAsync(log);
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(log, bytes);

        harness.OpenAgain();

        Assert.Equal(4, (await harness.Memories.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 100, null)).Items.Count);
        Assert.Null(await harness.Memories.GetAsync(Alice, ids[4]));
    }

    [Fact]
    public async Task Open_DirectoryAlreadyOpen_Throws()
    {
        await using var harness = new StoreHarness();

        Assert.ThrowsAny<IOException>(() => LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = harness.DataDirectory }));
    }

    private static async Task AddAfterRepairSurvivesRestartAsync(StoreHarness harness)
    {
        var later = StoreHarness.Memory(Alice, "written after the repair");
        Assert.Equal(WriteStatus.Written, (await harness.Memories.AddAsync(Alice, later, StoreHarness.Added(later))).Status);
        await harness.ReopenAsync();
        Assert.NotNull(await harness.Memories.GetAsync(Alice, later.Id));
    }

    private static async Task<List<string>> AddManyAsync(StoreHarness harness, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var memory = StoreHarness.Memory(Alice, $"memory number {i}", createdAt: StoreHarness.T0.AddMinutes(i));
            await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
            ids.Add(memory.Id);
        }

        return ids;
    }

    private static string SingleLog(StoreHarness harness) => Assert.Single(Directory.GetFiles(harness.DataDirectory, "wal-*.log"));

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<MemoryOperation> operations)
    {
        var ids = new List<string>();
        await foreach (var operation in operations)
        {
            ids.Add(operation.Id);
        }

        return ids;
    }
}
