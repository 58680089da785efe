using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>The real engine on a file system that runs out of space (<see cref="FaultyDataFiles"/>).</summary>
public sealed class DiskFullTests : IAsyncDisposable
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");
    private readonly TempDirectory _directory = new();
    private readonly FaultyDataFiles _files = new();
    private LocalStorageEngine _engine;

    public DiskFullTests() => _engine = Open();

    private LocalMemoryStore Memories => new(_engine);

    [Fact]
    public async Task Write_DiskFull_RefusedWithStoreFullThenAcceptedOnceSpaceReturnsWithoutRestart()
    {
        var kept = await AddAsync(Alice, "acknowledged before the disk filled");
        _files.FreeBytes = 10;

        var refused = await Assert.ThrowsAsync<StoreFailureException>(() => AddAsync(Alice, "refused while the disk is full"));
        await Assert.ThrowsAsync<StoreFailureException>(() => AddAsync(Bob, "also refused"));
        Assert.NotNull(await Memories.GetAsync(Alice, kept.Id));
        _files.FreeBytes = null;
        var later = await AddAsync(Alice, "accepted once space returned");
        await ReopenAsync();

        // Transient: the workflow runner retries an operation's step instead of failing it, and HTTP says Retry-After.
        Assert.Equal((StoreFailureKind.Full, true), (refused.Kind, refused.IsTransient));
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(2, _files.RefusedWrites);
        Assert.NotNull(await Memories.GetAsync(Alice, kept.Id));
        Assert.NotNull(await Memories.GetAsync(Alice, later.Id));
        Assert.Equal(2, (await Memories.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 10, null)).Items.Count);
    }

    [Fact]
    public async Task Compact_DiskFull_RemovesItsTemporaryFileAndTheStoreGoesOn()
    {
        var kept = await AddAsync(Alice, "kept through a failed compaction");
        _files.FreeBytes = 100;

        await Assert.ThrowsAsync<IOException>(() => _engine.CompactAsync());

        Assert.False(File.Exists(Path.Combine(_directory.Path, "snapshot.tmp")));
        _files.FreeBytes = null;
        var later = await AddAsync(Alice, "written after the failed compaction");
        await _engine.CompactAsync();
        await ReopenAsync();
        Assert.NotNull(await Memories.GetAsync(Alice, kept.Id));
        Assert.NotNull(await Memories.GetAsync(Alice, later.Id));
    }

    [Fact]
    public async Task Erase_NearlyFullDisk_NeedsOnlyItsMarkerAndStaysErasedAfterRestart()
    {
        var alice = await AddAsync(Alice, "Alice's data, on a disk about to be full");
        var bob = await AddAsync(Bob, "Bob's data");
        _files.FreeBytes = 64;

        Assert.Equal(1, (await Memories.EraseAsync(Alice)).MemoriesErased);

        Assert.Equal(0, _files.RefusedWrites);
        await ReopenAsync();
        Assert.Null(await Memories.GetAsync(Alice, alice.Id));
        Assert.NotNull(await Memories.GetAsync(Bob, bob.Id));
    }

    [Fact]
    public async Task Erase_DiskFullBeforeItsLogEntry_RefusedAndThePartitionStaysWholeUntilTheRetry()
    {
        var alice = await AddAsync(Alice, "Alice's data, on a disk that fills during her erase");
        await new LocalOperationStore(_engine).CreateAsync(StoreHarness.Operation(Alice, "op_queued"));
        _files.FreeBytes = 10;

        // Its stub needs a fresh key slot, which the full disk refuses: the erase did not happen, so its keys stay in use.
        await Assert.ThrowsAsync<StoreFailureException>(() => Memories.EraseAsync(Alice));
        Assert.NotNull(await Memories.GetAsync(Alice, alice.Id));
        _files.FreeBytes = null;
        var added = await AddAsync(Alice, "written after the refused erase, under the key it did not destroy");
        await ReopenAsync();

        Assert.NotNull(await Memories.GetAsync(Alice, alice.Id));
        Assert.NotNull(await Memories.GetAsync(Alice, added.Id));
        Assert.Equal(0, await Memories.GetEpochAsync(Alice));
        var erased = await Memories.EraseAsync(Alice);
        await ReopenAsync();
        Assert.Equal((2, erased.Epoch), (erased.MemoriesErased, await Memories.GetEpochAsync(Alice)));
        Assert.Null(await Memories.GetAsync(Alice, added.Id));
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    private LocalStorageEngine Open() => LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _directory.Path }, null, _files);

    private async Task ReopenAsync()
    {
        await _engine.DisposeAsync();
        _engine = Open();
    }

    private async Task<MemoryRecord> AddAsync(MemoryPartition partition, string text)
    {
        var memory = StoreHarness.Memory(partition, text);
        Assert.Equal(WriteStatus.Written, (await Memories.AddAsync(partition, memory, StoreHarness.Added(memory))).Status);
        return memory;
    }
}
