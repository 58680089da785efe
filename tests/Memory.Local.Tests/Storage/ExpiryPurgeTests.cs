using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Storage;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// Retention reaches the embedded store's files (issue 25, symptom 3): a compaction after a memory's <c>expiresAt</c>
/// writes neither it nor its history to the new snapshot, and deletes the log that held them.
/// </summary>
public sealed class ExpiryPurgeTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");

    [Fact]
    public async Task CompactAsync_AfterExpiry_TheMemoryAndItsHistoryLeaveTheFilesAndStayGoneAfterARestart()
    {
        using var directory = new TempDirectory();
        var clock = new ImmediateTimeProvider(StoreHarness.T0);
        var options = new LocalStoreOptions { DataDirectory = directory.Path };
        var expiring = StoreHarness.Memory(Partition, "the expiring walrus turn") with { ExpiresAt = StoreHarness.T0.AddDays(30) };
        var kept = StoreHarness.Memory(Partition, "the lasting heron fact");
        await using (var engine = LocalStorageEngine.Open(options, new AuditOptions(), clock))
        {
            var memories = new LocalMemoryStore(engine);
            await memories.AddAsync(Partition, expiring, StoreHarness.Added(expiring));
            await memories.AddAsync(Partition, kept, StoreHarness.Added(kept));
            await engine.CompactAsync();
            clock.Advance(TimeSpan.FromDays(29));
            await engine.CompactAsync();
            Assert.Contains(StoreFiles.DecodedEntries(directory.Path), entry => entry.Contains("walrus", StringComparison.Ordinal));

            clock.Advance(TimeSpan.FromDays(2));
            await engine.CompactAsync();
            Assert.Null(await memories.GetAsync(Partition, expiring.Id));
            Assert.Empty(await memories.GetHistoryAsync(Partition, expiring.Id));
        }

        var entries = StoreFiles.DecodedEntries(directory.Path).ToList();
        Assert.DoesNotContain(entries, entry => entry.Contains("walrus", StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.Contains("heron", StringComparison.Ordinal));
        await using var reopened = LocalStorageEngine.Open(options, new AuditOptions(), clock);
        var store = new LocalMemoryStore(reopened);
        Assert.Null(await store.GetAsync(Partition, expiring.Id));
        Assert.Single(await store.GetHistoryAsync(Partition, kept.Id));
        // The same id can be written again: a purged memory holds nothing back, as on Cosmos DB once its TTL has run.
        var again = expiring with { ExpiresAt = clock.GetUtcNow().AddDays(30) };
        Assert.Equal(WriteStatus.Written, (await store.AddAsync(Partition, again, StoreHarness.Added(again))).Status);
    }

    [Fact]
    public async Task CompactAsync_FailsForAFullDisk_NothingIsPurgedUntilACompactionSucceeds()
    {
        using var directory = new TempDirectory();
        var clock = new ImmediateTimeProvider(StoreHarness.T0);
        var files = new FaultyDataFiles();
        var expiring = StoreHarness.Memory(Partition, "the expiring walrus turn") with { ExpiresAt = StoreHarness.T0.AddDays(30) };
        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory.Path }, null, files, clock: clock);
        var memories = new LocalMemoryStore(engine);
        await memories.AddAsync(Partition, expiring, StoreHarness.Added(expiring));
        clock.Advance(TimeSpan.FromDays(30));

        files.FreeBytes = 0;
        await Assert.ThrowsAsync<IOException>(() => engine.CompactAsync());

        // Memory still agrees with the files a restart would read: the same turn posted again is a repeat, not a new record
        // beside its expired history.
        Assert.Equal(WriteStatus.AlreadyExists, (await memories.AddAsync(Partition, expiring, StoreHarness.Added(expiring))).Status);
        Assert.Single(await memories.GetHistoryAsync(Partition, expiring.Id));

        files.FreeBytes = null;
        await engine.CompactAsync();
        // Expired at exactly now counts, as for reads (ExpiresAt <= now).
        Assert.Null(await memories.GetAsync(Partition, expiring.Id));
        Assert.Empty(await memories.GetHistoryAsync(Partition, expiring.Id));
    }
}
