using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Erasure;

public sealed class UserErasureServiceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EraseAsync_ParticipantHintsOfTheUser_ForgottenOnceTheStoreErased(bool deferErase)
    {
        // The hints are hashes of the user's speakers' names: a copy of their data that must not outlive the erase.
        var harness = new ErasureHarness(deferErase);
        var sam = TestMemories.Create("hi", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = "Sam" });
        harness.Participants.Saw(ErasureHarness.Alice, [new SearchCandidate(sam, 0.5, 1, null, null)]);
        harness.Participants.Saw(ErasureHarness.Bob, [new SearchCandidate(sam, 0.5, 1, null, null)]);

        await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice);

        Assert.Empty(harness.Participants.NamedIn(ErasureHarness.Alice, "Where is Sam?"));
        Assert.Equal(["sam"], harness.Participants.NamedIn(ErasureHarness.Bob, "Where is Sam?"));
    }

    [Fact]
    public async Task EraseAsync_StoreErasesAtOnce_FinishedWithCountsAuditedAndNoOperation()
    {
        var harness = new ErasureHarness(deferErase: false);
        await harness.SeedAsync(ErasureHarness.Alice, 3);

        var result = await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice);

        Assert.Equal((3, 2), (result.Erased!.MemoriesErased, result.Erased.OperationsErased));
        Assert.Null(result.Operation);
        Assert.Empty(harness.Starter.Started);
        var audit = Assert.Single(await harness.AuditLog.ReadAsync("t1", 10));
        Assert.Equal((AuditOutcome.Succeeded, "memories=3 operations=2"), (audit.Outcome, audit.Detail));
    }

    [Fact]
    public async Task EraseAsync_StoreDefersDeletes_AcknowledgedOperationAndNothingReadableWhileEverythingIsStillStored()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 5);
        await harness.SeedAsync(ErasureHarness.Bob, 2);
        var stored = harness.Store.StoredRecordCount;

        var result = await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice);

        var operation = result.Operation!;
        Assert.Null(result.Erased);
        Assert.Equal((OperationKind.Erase, OperationStatus.Queued), (operation.Kind, operation.Status));
        Assert.Equal(MemoryIds.ForErase(ErasureHarness.Alice, operation.Epoch), operation.Id);
        Assert.Same(operation, Assert.Single(harness.Starter.Started));
        // Nothing deleted yet, and nothing of it readable: acknowledged = invisible.
        Assert.Equal(stored, harness.Store.StoredRecordCount);
        Assert.Equal((0, 0, 0, 0, 0), await harness.ReadAllAsync(ErasureHarness.Alice));
        Assert.Equal((2, 2, 2, 2, 2), await harness.ReadAllAsync(ErasureHarness.Bob));
        // The running ingestion reads as the cancelled stub at once; the erase is the user's only other operation.
        var operations = await ToListAsync(harness.Store.Operations.ExportAsync(ErasureHarness.Alice));
        Assert.Equal(
            [(OperationKind.Ingestion, OperationStatus.Cancelled), (OperationKind.Erase, OperationStatus.Queued)],
            operations.Select(o => (o.Kind, o.Status)).OrderBy(k => k.Kind).ToList());
        Assert.All(operations, o => Assert.Empty(o.Request.Messages));
        // The audit stays Started until the background erase really ends.
        Assert.Equal(AuditOutcome.Started, Assert.Single(await harness.AuditLog.ReadAsync("t1", 10)).Outcome);
    }

    [Fact]
    public async Task EraseAsync_HostWithItsOwnSteps_ContinuesInTheBackgroundEvenWhenTheStoreFinishedWithTheCountsKnown()
    {
        var harness = new ErasureHarness(deferErase: false, ErasureMode.Always);
        await harness.SeedAsync(ErasureHarness.Alice, 2);

        var operation = (await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice)).Operation!;

        Assert.Equal((2, 2), (operation.Erasure!.MemoriesErased, operation.Erasure.OperationsErased));
        Assert.Single(harness.Starter.Started);
    }

    [Fact]
    public async Task EraseAsync_WhileAnEarlierEraseStillDeletes_TheEarlierOperationIsNeitherStubbedNorFencedAndBothStay()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 3);
        var first = (await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice)).Operation!;
        var input = new ErasureStepInput("t1", "alice", first.Id, first.Epoch);
        await harness.Steps.CountAsync(input);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        var second = (await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice)).Operation!;
        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);
        await InProcessErasure.RunAsync(harness.Steps, new ErasureStepInput("t1", "alice", second.Id, second.Epoch), harness.Clock, CancellationToken.None);

        // The first erase ended on its own terms (its poller and its audit record learn how), then went with the second.
        Assert.Equal(
            ["Succeeded memories=3 operations=2", "Succeeded memories=0 operations=0"],
            (await harness.AuditLog.ReadAsync("t1", 10)).OrderBy(record => record.StartedAt).Select(record => $"{record.Outcome} {record.Detail}"));
        Assert.Equal(OperationStatus.Succeeded, (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, first.Id))!.Status);
        Assert.Equal(OperationStatus.Succeeded, (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, second.Id))!.Status);
        Assert.Equal(0, harness.Store.StoredRecordCount);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
