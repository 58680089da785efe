using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// An erase that shares a log batch with other writes to the user's operations: the stubs it logs must be the ones it
/// leaves in memory, so a restart shows exactly what readers saw before it (erased data never comes back, a finished
/// operation never turns into a stub). The writer is held on a blocking command so the writes queue into one batch.
/// </summary>
public sealed class EraseInOneBatchTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public async Task OperationFinishedThenErasedInOneBatch_StaysGoneAfterRestart()
    {
        await using var harness = new StoreHarness();
        var queued = (await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_a"))).Operation!;

        await InOneBatchAsync(harness, () => harness.Operations.UpdateAsync(queued with { Status = OperationStatus.Succeeded }), () => harness.Memories.EraseAsync(Alice));

        Assert.Null(await harness.Operations.GetAsync(Alice, "op_a"));
        await harness.ReopenAsync();
        Assert.Null(await harness.Operations.GetAsync(Alice, "op_a"));
    }

    [Fact]
    public async Task ErasedTwiceInOneBatch_TheFirstErasesStubGoesWithTheSecondAndStaysGoneAfterRestart()
    {
        await using var harness = new StoreHarness();
        await harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_a"));

        await InOneBatchAsync(harness, () => harness.Memories.EraseAsync(Alice), () => harness.Memories.EraseAsync(Alice));

        Assert.Null(await harness.Operations.GetAsync(Alice, "op_a"));
        await harness.ReopenAsync();
        Assert.Null(await harness.Operations.GetAsync(Alice, "op_a"));
    }

    [Fact]
    public async Task OperationCreatedThenErasedInOneBatch_ItsStubSurvivesRestart()
    {
        await using var harness = new StoreHarness();

        await InOneBatchAsync(harness, () => harness.Operations.CreateAsync(StoreHarness.Operation(Alice, "op_a")), () => harness.Memories.EraseAsync(Alice));

        var stub = await harness.Operations.GetAsync(Alice, "op_a");
        Assert.Equal((OperationStatus.Cancelled, MemoryOperation.ProblemTypeUserErased), (stub?.Status, stub?.Error?.Type));
        await harness.ReopenAsync();
        var restarted = await harness.Operations.GetAsync(Alice, "op_a");
        Assert.Equal((stub!.Status, stub.Error, stub.ETag, 0), (restarted?.Status, restarted?.Error, restarted?.ETag, restarted?.Request.Messages.Count));
    }

    /// <summary>Holds the writer in a batch of its own while <paramref name="first"/> and <paramref name="second"/> queue, so they share the next batch.</summary>
    private static async Task InOneBatchAsync<T1, T2>(StoreHarness harness, Func<Task<T1>> first, Func<Task<T2>> second)
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = harness.Engine.SubmitAsync(
            (_, _) =>
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(30));
                return new Decision<int>(null, 0);
            },
            waitsForCompaction: false,
            CancellationToken.None);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the writer never took the holding command");
        var writes = Task.WhenAll(first(), second());
        release.Set();
        await holder;
        await writes;
    }
}
