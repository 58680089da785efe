using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local;

namespace MemoryFunctions.Server.Tests.Hosting;

/// <summary>The <c>backup</c> and <c>restore</c> verbs as an operator runs them (the store's guarantees: Memory.Local.Tests BackupTests).</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "memory-backup-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BackupThenRestore_NeedsAnErasureDecision_ThenRestoresEveryMemory()
    {
        var data = Path.Combine(_root, "data");
        var backup = Path.Combine(_root, "backup");
        var restored = Path.Combine(_root, "restored");
        var partition = new MemoryPartition("default", "alice");
        var memory = new MemoryRecord { Id = "m1", TenantId = partition.TenantId, UserId = partition.UserId, Text = "Alice drinks tea", ContentHash = "h1", Embedding = [1f, 0f], CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch };
        await using (var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = data }))
        {
            await new LocalMemoryStore(engine).AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "test"));
        }

        var (backedUp, backupOutput, _) = await ServerCommandLine.RunAsync(["backup", "--to", backup, "--Memory:Local:DataDirectory", data]);
        var (refused, refusedOutput, _) = await ServerCommandLine.RunAsync(["restore", "--from", backup, "--Memory:Local:DataDirectory", restored]);
        var (done, restoreOutput, _) = await ServerCommandLine.RunAsync(["restore", "--from", backup, "--erasures-from", data, "--Memory:Local:DataDirectory", restored]);

        Assert.Equal(0, backedUp);
        Assert.Contains("Backed up 1 memories", backupOutput, StringComparison.Ordinal);
        Assert.Equal(1, refused);
        Assert.Contains("erased after", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(0, done);
        Assert.Contains("Restored 1 memories", restoreOutput, StringComparison.Ordinal);
        await using var copy = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = restored });
        Assert.Equal("Alice drinks tea", (await new LocalMemoryStore(copy).GetAsync(partition, "m1"))?.Text);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
