using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Tests.Format;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary><see cref="LocalStoreBackup"/>: consistent while the store writes and compacts, restorable, and erasure-safe.</summary>
public sealed class BackupTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");
    private static readonly AuditOptions Audit = new();

    [Fact]
    public async Task TakeAsync_WhileWritesAndCompactionsRun_EachBackupIsAPrefixHoldingEveryEarlierWrite()
    {
        using var live = new TempDirectory();
        using var backups = new TempDirectory();
        // A compaction every 40 records, so backups race snapshot renames and log switches.
        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path, CompactAfterLogRecords = 40 });
        var store = new LocalMemoryStore(engine);
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var memory = Numbered(i);
                await store.AddAsync(Alice, memory, StoreHarness.Added(memory));
                Volatile.Write(ref acknowledged, i + 1);
            }
        });

        var taken = new List<(string Directory, int AcknowledgedBefore)>();
        for (var round = 0; round < 6; round++)
        {
            await Task.Delay(20 + (round * 15));
            var before = Volatile.Read(ref acknowledged);
            var directory = Path.Combine(backups.Path, "b" + round);
            await LocalStoreBackup.TakeAsync(live.Path, directory, Audit);
            taken.Add((directory, before));
        }

        await stop.CancelAsync();
        await writer;
        var total = Volatile.Read(ref acknowledged);

        foreach (var (directory, before) in taken)
        {
            using var restored = new TempDirectory();
            var report = await LocalStoreBackup.RestoreAsync(directory, restored.Path, erasuresFrom: null, withoutLaterErasures: true, Audit);
            await using var copy = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = restored.Path });
            var held = new LocalMemoryStore(copy);
            var present = new List<bool>();
            for (var i = 0; i < total; i++)
            {
                present.Add(await held.GetAsync(Alice, Numbered(i).Id) is not null);
            }

            var count = present.TakeWhile(p => p).Count();
            Assert.True(count >= before, $"the backup holds {count} writes, but {before} were acknowledged before it began");
            Assert.All(present.Skip(count), Assert.False);
            Assert.Equal(count, report.Memories);
            Assert.Equal(count, LocalStoreBackup.ReadManifest(directory)!.Memories);
        }
    }

    [Fact]
    public async Task RestoreAsync_UserErasedAfterTheBackup_IsErasedAgainAndTheOthersComeBack()
    {
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        using var restored = new TempDirectory();
        var options = new LocalStoreOptions { DataDirectory = live.Path };
        var tea = StoreHarness.Memory(Alice, "Alice drinks tea");
        var bees = StoreHarness.Memory(Bob, "Bob keeps bees");
        await using (var engine = LocalStorageEngine.Open(options))
        {
            var store = new LocalMemoryStore(engine);
            await store.AddAsync(Alice, tea, StoreHarness.Added(tea));
            await store.AddAsync(Bob, bees, StoreHarness.Added(bees));
            await LocalStoreBackup.TakeAsync(live.Path, Path.Combine(backup.Path, "b"), Audit);
            await store.EraseAsync(Bob);
            var again = StoreHarness.Memory(Bob, "Bob came back after his erase");
            await store.AddAsync(Bob, again, StoreHarness.Added(again));
        }

        var report = await LocalStoreBackup.RestoreAsync(Path.Combine(backup.Path, "b"), restored.Path, live.Path, withoutLaterErasures: false, Audit);

        Assert.Equal([Bob], report.ErasedAgain);
        await using var copy = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = restored.Path });
        var held = new LocalMemoryStore(copy);
        Assert.NotNull(await held.GetAsync(Alice, tea.Id));
        Assert.Null(await held.GetAsync(Bob, bees.Id));
        Assert.Empty(await held.GetHistoryAsync(Bob, bees.Id));
        Assert.True(copy.EpochOf(Bob) > 0);
        // Nothing of bob is readable in the restored files, even with their keys.
        Assert.DoesNotContain(Bob, ReadablePartitions(restored.Path));
    }

    [Fact]
    public async Task RestoreAsync_UserErasedBeforeTheBackup_IsNotErasedAgain()
    {
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        using var restored = new TempDirectory();
        var later = StoreHarness.Memory(Bob, "Bob wrote again after his erase, before the backup");
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
            var store = new LocalMemoryStore(engine);
            await store.EraseAsync(Bob);
            await store.AddAsync(Bob, later, StoreHarness.Added(later));
            await LocalStoreBackup.TakeAsync(live.Path, Path.Combine(backup.Path, "b"), Audit);
        }

        var report = await LocalStoreBackup.RestoreAsync(Path.Combine(backup.Path, "b"), restored.Path, live.Path, withoutLaterErasures: false, Audit);

        Assert.Empty(report.ErasedAgain);
        await using var copy = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = restored.Path });
        Assert.NotNull(await new LocalMemoryStore(copy).GetAsync(Bob, later.Id));
    }

    [Fact]
    public async Task RestoreAsync_WithoutSayingWhereErasuresAre_RefusesAndWritesNothing()
    {
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        using var restored = new TempDirectory();
        await using (LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
            await LocalStoreBackup.TakeAsync(live.Path, Path.Combine(backup.Path, "b"), Audit);
        }

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => LocalStoreBackup.RestoreAsync(Path.Combine(backup.Path, "b"), restored.Path, null, withoutLaterErasures: false, Audit));

        Assert.Contains("erased after", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(restored.Path));
    }

    [Fact]
    public async Task RestoreAsync_ErasuresFromADirectoryHoldingNoStoreOrFromTheBackupItself_RefusesAndWritesNothing()
    {
        // A mistyped or empty directory reads as "no erasures" and would silently bring every later-erased user back.
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        using var restored = new TempDirectory();
        using var empty = new TempDirectory();
        var taken = Path.Combine(backup.Path, "b");
        await using (LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
            await LocalStoreBackup.TakeAsync(live.Path, taken, Audit);
        }

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => LocalStoreBackup.RestoreAsync(taken, restored.Path, empty.Path, withoutLaterErasures: false, Audit));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => LocalStoreBackup.RestoreAsync(taken, restored.Path, Path.Combine(empty.Path, "typo"), withoutLaterErasures: false, Audit));
        await Assert.ThrowsAsync<ArgumentException>(() => LocalStoreBackup.RestoreAsync(taken, restored.Path, taken, withoutLaterErasures: false, Audit));
        Assert.Empty(Directory.GetFileSystemEntries(restored.Path));
        Assert.False(Directory.Exists(restored.Path + ".partial"));
    }

    [Fact]
    public async Task RestoreAsync_ErasuresFromAStoreDamagedBeforeLaterFrames_RefusesRatherThanMissTheErasuresPastIt()
    {
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        using var restored = new TempDirectory();
        var taken = Path.Combine(backup.Path, "b");
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
            var store = new LocalMemoryStore(engine);
            var bees = StoreHarness.Memory(Bob, "Bob keeps bees");
            await store.AddAsync(Bob, bees, StoreHarness.Added(bees));
            await LocalStoreBackup.TakeAsync(live.Path, taken, Audit);
            await store.EraseAsync(Bob);
            for (var i = 0; i < 40; i++)
            {
                var memory = Numbered(i);
                await store.AddAsync(Alice, memory, StoreHarness.Added(memory));
            }
        }

        var largest = Directory.GetFiles(live.Path, "wal-*.log").Append(Path.Combine(live.Path, "snapshot.bin")).Where(File.Exists).MaxBy(path => new FileInfo(path).Length)!;
        await using (var file = new FileStream(largest, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            var value = file.ReadByte();
            file.Position = file.Length / 2;
            file.WriteByte((byte)(value ^ 0xFF));
        }

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => LocalStoreBackup.RestoreAsync(taken, restored.Path, live.Path, withoutLaterErasures: false, Audit));

        Assert.Contains("repair-store", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(restored.Path));
    }

    [Fact]
    public async Task TakeAsync_AStoreHalfWayThroughAReembed_RefusesAndWritesNothing()
    {
        using var live = new TempDirectory();
        using var backup = new TempDirectory();
        await using (LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
        }

        await File.WriteAllTextAsync(Path.Combine(live.Path, MemoryFunctions.Local.Storage.ReembedProgressFile.FileName), "{}");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalStoreBackup.TakeAsync(live.Path, Path.Combine(backup.Path, "b"), Audit));

        Assert.Contains("re-embed", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(backup.Path));
    }

    [Fact]
    public async Task TakeAndRestore_IntoANonEmptyDirectory_RefuseAndOverwriteNothing()
    {
        using var live = new TempDirectory();
        using var occupied = new TempDirectory();
        var keep = Path.Combine(occupied.Path, "keep.txt");
        await File.WriteAllTextAsync(keep, "mine");
        await using (LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = live.Path }))
        {
            await Assert.ThrowsAsync<IOException>(() => LocalStoreBackup.TakeAsync(live.Path, occupied.Path, Audit));
        }

        await Assert.ThrowsAsync<IOException>(() => LocalStoreBackup.RestoreAsync(live.Path, occupied.Path, null, withoutLaterErasures: true, Audit));
        Assert.Equal("mine", await File.ReadAllTextAsync(keep));
        Assert.Equal([keep], Directory.GetFileSystemEntries(occupied.Path));
    }

    /// <summary>Before the backup verb a backup was a copy of a stopped server's data directory: those restore too, in today's format.</summary>
    [Theory]
    [InlineData("format-v2", false, false)]
    [InlineData("format-v3", true, false)]
    [InlineData("format-v3-late", true, true)]
    public async Task RestoreAsync_ACopyOfAnEarlierFormatsDirectory_RestoresEveryRecordInTodaysFormat(string fixture, bool holdsAudit, bool holdsFormat4Fields)
    {
        using var restored = new TempDirectory();
        var report = await LocalStoreBackup.RestoreAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), restored.Path, null, withoutLaterErasures: true, Audit);

        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = restored.Path });
        await FormatFixture.VerifyAsync(engine, holdsAudit, holdsFormat4Fields);
        Assert.Equal(holdsFormat4Fields ? 3 : 2, report.Memories);
        Assert.Equal(4, BitConverter.ToInt32(File.ReadAllBytes(Path.Combine(restored.Path, "snapshot.bin")).AsSpan(25, 4)));
        Assert.Empty(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), "LOCK"));
    }

    [Fact]
    public async Task TakeAsync_AStoreThatWasNeverOpened_RefusesClearly()
    {
        using var empty = new TempDirectory();
        using var backup = new TempDirectory();

        var refused = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => LocalStoreBackup.TakeAsync(empty.Path, Path.Combine(backup.Path, "b"), Audit));

        Assert.Contains("nothing to back up", refused.Message, StringComparison.Ordinal);
    }

    private static MemoryRecord Numbered(int i) => StoreHarness.Memory(Alice, $"memory number {i}");

    /// <summary>Partitions with a record that decrypts with the directory's own keys.</summary>
    private static HashSet<MemoryPartition> ReadablePartitions(string directory) =>
        [.. StoreFiles.Entries(directory).OfType<MemoryFunctions.Local.Storage.MemoryPutEntry>().Select(put => put.Memory.Partition)];
}
