using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// An erase cut by a crash at every single step it takes (each write, fsync and rename through the store's file seam),
/// for a killed process, a torn last write and a power loss: after the restart the partition is either whole as before,
/// epoch unchanged, or nothing of it is readable and the epoch has moved; never half of each (issue 25, symptom 11).
/// </summary>
public sealed class EraseCrashTests
{
    private const string MemoryText = "Alice's passport number is XK-4471";
    private const string TurnText = "my bank pin is 9931";
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");

    [Theory]
    [InlineData(CrashKind.Kill)]
    [InlineData(CrashKind.KillMidWrite)]
    [InlineData(CrashKind.PowerLoss)]
    public async Task EraseAsync_CrashAtEveryStep_PartitionWholeOrUnreadableAndEpochAgrees(CrashKind kind)
    {
        var steps = await CountEraseStepsAsync();
        Assert.True(steps >= 5, $"an erase of two keys with a stub takes a key write, the log write and the shredding ({steps} steps)");

        var outcomes = new List<string>();
        for (var step = 1; step <= steps; step++)
        {
            outcomes.Add($"{step}:{await CrashAndRestartAsync(kind, step)}");
        }

        // Both outcomes occur: crashes before the log write keep the partition, crashes after it erase it.
        Assert.Contains(outcomes, outcome => outcome.EndsWith(":whole", StringComparison.Ordinal));
        Assert.Contains(outcomes, outcome => outcome.EndsWith(":erased", StringComparison.Ordinal));
    }

    private static async Task<int> CountEraseStepsAsync()
    {
        using var directory = new TempDirectory();
        var options = new LocalStoreOptions { DataDirectory = directory.Path };
        await SeedAsync(options);
        var files = new CrashingDataFiles(CrashKind.Kill, int.MaxValue);
        await using var engine = LocalStorageEngine.Open(options, null, files);
        await new LocalMemoryStore(engine).EraseAsync(Alice);
        return files.Steps;
    }

    private static async Task<string> CrashAndRestartAsync(CrashKind kind, int step)
    {
        using var directory = new TempDirectory();
        var options = new LocalStoreOptions { DataDirectory = directory.Path };
        var aliceKeys = await SeedAsync(options);

        var files = new CrashingDataFiles(kind, step);
        var engine = LocalStorageEngine.Open(options, null, files);
        try
        {
            await new LocalMemoryStore(engine).EraseAsync(Alice);
        }
        catch (IOException)
        {
            // The crash; the erase was not acknowledged.
        }

        Assert.True(files.Crashed, $"step {step} was reached");
        try
        {
            await engine.DisposeAsync();
        }
        catch (IOException)
        {
            // The dead process's last fsync.
        }

        files.LoseUnsyncedWrites();

        var state = await CheckAsync(options, aliceKeys, $"{kind} at step {step}");

        // The client retries the unacknowledged erase; the partition ends erased, and stays so across a restart.
        await using (var engine2 = LocalStorageEngine.Open(options))
        {
            await new LocalMemoryStore(engine2).EraseAsync(Alice);
        }

        Assert.Equal("erased", await CheckAsync(options, aliceKeys, $"{kind} at step {step}, after the retry"));
        return state;
    }

    /// <summary>Reopens the store and says which of the two allowed states it is in, failing on anything else.</summary>
    private static async Task<string> CheckAsync(LocalStoreOptions options, List<(byte[] Id, byte[] Key)> aliceKeys, string when)
    {
        await using var engine = LocalStorageEngine.Open(options);
        var memories = new LocalMemoryStore(engine);
        var operations = new LocalOperationStore(engine);
        Assert.NotNull(await memories.GetAsync(Bob, StoreHarness.Memory(Bob, "Bob keeps bees").Id));

        var memory = await memories.GetAsync(Alice, StoreHarness.Memory(Alice, MemoryText).Id);
        var finished = await operations.GetAsync(Alice, "op_done");
        var queued = await operations.GetAsync(Alice, "op_queued");
        var epoch = await memories.GetEpochAsync(Alice);
        if (memory is not null)
        {
            Assert.True(finished is { Status: OperationStatus.Succeeded, Decisions.Count: 1 } && finished.Request.Messages.Count == 1, $"{when}: memories kept, so the finished operation must be whole");
            Assert.True(queued is { Status: OperationStatus.Queued } && queued.Request.Messages.Count == 1, $"{when}: memories kept, so the queued operation must be whole");
            Assert.True(epoch == 0, $"{when}: the partition is whole, so its epoch must not have moved (it is {epoch})");
            Assert.Single(await memories.GetHistoryAsync(Alice, memory.Id));
            return "whole";
        }

        Assert.True(finished is null, $"{when}: memories gone, yet the finished operation (turns, decisions) is still served");
        // A stub, or nothing once a second erase (the retry) took the stub too.
        Assert.True(queued is null or { Status: OperationStatus.Cancelled, Request.Messages.Count: 0 }, $"{when}: memories gone, so the queued operation must be a content-free stub");
        Assert.True(epoch > 0, $"{when}: memories gone, yet the epoch did not move");
        Assert.Empty(await memories.GetHistoryAsync(Alice, StoreHarness.Memory(Alice, MemoryText).Id));
        await engine.DisposeAsync();
        foreach (var (_, key) in aliceKeys)
        {
            Assert.True(ErasureTests.FilesContaining(options.DataDirectory, key).Count == 0, $"{when}: an erased key is still on disk");
        }

        foreach (var text in new[] { MemoryText, TurnText })
        {
            Assert.Empty(ErasureTests.FilesContaining(options.DataDirectory, Encoding.UTF8.GetBytes(text)));
        }

        return "erased";
    }

    /// <summary>Bob's memory, then Alice's memory (in the snapshot and again in the log), a finished and a queued operation; returns Alice's keys.</summary>
    private static async Task<List<(byte[] Id, byte[] Key)>> SeedAsync(LocalStoreOptions options)
    {
        await using var engine = LocalStorageEngine.Open(options);
        var memories = new LocalMemoryStore(engine);
        var operations = new LocalOperationStore(engine);
        var bob = StoreHarness.Memory(Bob, "Bob keeps bees");
        await memories.AddAsync(Bob, bob, StoreHarness.Added(bob));
        var bobKeys = ErasureTests.KeySlots(options.DataDirectory);

        var alice = StoreHarness.Memory(Alice, MemoryText);
        await memories.AddAsync(Alice, alice, StoreHarness.Added(alice));
        var done = StoreHarness.Operation(Alice, "op_done", TurnText);
        await operations.CreateAsync(done);
        await engine.CompactAsync();
        var stored = await operations.GetAsync(Alice, "op_done");
        await operations.UpdateAsync(stored! with
        {
            Status = OperationStatus.Succeeded,
            Decisions = [new AppliedDecision(MemoryAction.Add, MemoryText, alice.Id, null, null)],
        });
        await operations.CreateAsync(StoreHarness.Operation(Alice, "op_queued", TurnText));
        return [.. ErasureTests.KeySlots(options.DataDirectory).Where(slot => !bobKeys.Any(bobKey => bobKey.Id.AsSpan().SequenceEqual(slot.Id)))];
    }
}
