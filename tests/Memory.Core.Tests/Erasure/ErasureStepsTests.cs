using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Tests.Erasure;

public sealed class ErasureStepsTests
{
    [Fact]
    public async Task RunAsync_ToTheEnd_DeletesInChunksReportsProgressAndRecordsTheRealOutcome()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 25);
        await harness.SeedAsync(ErasureHarness.Bob, 2);
        var input = await BeginAsync(harness);
        var chunks = 0;
        harness.Store.OnContinueErase = () => chunks++;

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        var operation = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        // 25 memories, 25 history events, 2 operations (the running one left as a stub), 10 a chunk.
        Assert.Equal(new OperationProgress(ErasureSteps.DeleteStep, 52, 52), operation.Progress);
        Assert.Equal((25, 2), (operation.Erasure!.MemoriesErased, operation.Erasure.OperationsErased));
        Assert.Equal(6, chunks);
        Assert.Equal(4, harness.Store.StoredRecordCount);
        var audit = Assert.Single(await harness.AuditLog.ReadAsync("t1", 10));
        Assert.Equal((AuditOutcome.Succeeded, "memories=25 operations=2"), (audit.Outcome, audit.Detail));
    }

    [Fact]
    public async Task RunAsync_CrashMidErase_NothingReadableMeanwhileAndTheRestartedRunFinishesIt()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 40);
        var input = await BeginAsync(harness);
        using var crash = new CancellationTokenSource();
        var chunks = 0;
        harness.Store.OnContinueErase = () =>
        {
            if (++chunks == 3)
            {
                // The process dies here: the runner's token is the only thing that stops it.
                crash.Cancel();
                crash.Token.ThrowIfCancellationRequested();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, crash.Token));

        var halfway = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal((OperationStatus.Running, 20), (halfway.Status, halfway.Progress!.Done));
        Assert.InRange(harness.Store.StoredRecordCount, 1, 79);
        Assert.Equal((0, 0, 0, 0, 0), await harness.ReadAllAsync(ErasureHarness.Alice));
        Assert.Equal(AuditOutcome.Started, Assert.Single(await harness.AuditLog.ReadAsync("t1", 10)).Outcome);

        harness.Store.OnContinueErase = null;
        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        var finished = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal((OperationStatus.Succeeded, 82, 82), (finished.Status, finished.Progress!.Done, finished.Progress.Total));
        Assert.Equal((40, 2), (finished.Erasure!.MemoriesErased, finished.Erasure.OperationsErased));
        Assert.Equal(0, harness.Store.StoredRecordCount);
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(await harness.AuditLog.ReadAsync("t1", 10)).Outcome);
    }

    [Fact]
    public async Task RunAsync_ThrottlingStorm_WaitsOutEveryRetryAfterAndFinishes()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 30);
        var input = await BeginAsync(harness);
        var calls = 0;
        harness.Store.OnContinueErase = () =>
        {
            // Two throttles before every chunk that gets through: far more 429s than deletes.
            if (++calls % 3 != 0)
            {
                throw new StoreFailureException(StoreFailureKind.Throttled, "429", TimeSpan.FromMilliseconds(700));
            }
        };

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        Assert.Equal(OperationStatus.Succeeded, (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!.Status);
        Assert.Equal(0, harness.Store.StoredRecordCount);
        Assert.Contains(TimeSpan.FromMilliseconds(700), harness.Clock.RequestedDelays);
    }

    [Fact]
    public async Task RunAsync_ThrottledOverAndOverWithOneMillisecondHints_BacksOffBeyondTheHintAndFinishes()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 5);
        var input = await BeginAsync(harness);
        var throttles = 0;
        harness.Store.OnContinueErase = () =>
        {
            // Cosmos DB's hint covers one request; retried at the hint alone, eight throttles in a row would take 8 ms.
            if (++throttles <= 8)
            {
                throw new StoreFailureException(StoreFailureKind.Throttled, "429", TimeSpan.FromMilliseconds(1));
            }
        };

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        Assert.Equal(OperationStatus.Succeeded, (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!.Status);
        Assert.DoesNotContain(TimeSpan.FromMilliseconds(1), harness.Clock.RequestedDelays);
        Assert.True(harness.Clock.RequestedDelays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay) >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task RunAsync_ThrottledWritesOfProgressAndEnd_StillEndsSucceededWithAllDocumentsCounted()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 30);
        var input = await BeginAsync(harness);
        var writes = 0;
        harness.Store.Operations.OnUpdate = operation =>
        {
            // Every other write of the erase operation meets a 429: progress updates and the final one alike.
            if (operation.Id == input.OperationId && ++writes % 2 == 0)
            {
                throw new StoreFailureException(StoreFailureKind.Throttled, "429", TimeSpan.FromMilliseconds(300));
            }
        };

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        var operation = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Equal(0, harness.Store.StoredRecordCount);
        Assert.Equal(operation.Progress!.Total, operation.Progress.Done);
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(await harness.AuditLog.ReadAsync("t1", 10)).Outcome);
    }

    [Fact]
    public async Task RunAsync_ThrottledProgressWrites_ProgressCountsEveryDeletedDocumentWhileStillRunning()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 30);
        var input = await BeginAsync(harness);
        var writes = 0;
        OperationProgress? lastWhileRunning = null;
        harness.Store.Operations.OnUpdate = operation =>
        {
            if (operation.Id != input.OperationId)
            {
                return;
            }

            // Every other write of the erase operation meets a 429; the progress a poller sees is the last one written
            // before the erase ends.
            if (++writes % 2 == 0)
            {
                throw new StoreFailureException(StoreFailureKind.Throttled, "429", TimeSpan.FromMilliseconds(300));
            }

            lastWhileRunning = operation.Status == OperationStatus.Running ? operation.Progress : lastWhileRunning;
        };

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        Assert.NotNull(lastWhileRunning);
        Assert.Equal(lastWhileRunning.Total, lastWhileRunning.Done);
        Assert.Equal(0, harness.Store.StoredRecordCount);
    }

    [Fact]
    public async Task RunAsync_StoreFailsForGood_OperationFailedWithTheReasonAndAuditFailedButDataStaysHidden()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 30);
        var input = await BeginAsync(harness);
        harness.Store.OnContinueErase = () => throw new StoreFailureException(StoreFailureKind.AccessDenied, "403");

        await InProcessErasure.RunAsync(harness.Steps, input, harness.Clock, CancellationToken.None);

        var operation = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal((OperationStatus.Failed, MemoryOperation.ProblemTypeEraseIncomplete), (operation.Status, operation.Error!.Type));
        var audit = Assert.Single(await harness.AuditLog.ReadAsync("t1", 10));
        Assert.Equal((AuditOutcome.Failed, "StoreFailureException memories=30 operations=2"), (audit.Outcome, audit.Detail));
        Assert.Equal((0, 0, 0, 0, 0), await harness.ReadAllAsync(ErasureHarness.Alice));
    }

    [Fact]
    public async Task FinishAsync_HistoryLeftInTheTaskHub_FailedNotSucceeded()
    {
        var harness = new ErasureHarness();
        await harness.SeedAsync(ErasureHarness.Alice, 1);
        var input = await BeginAsync(harness);
        await harness.Steps.CountAsync(input);
        while (!await harness.Steps.DeleteAsync(input))
        {
        }

        await harness.Steps.FinishAsync(new ErasureEnd(input, InstancesLeft: 2, Failure: null));

        var operation = (await harness.Store.Operations.GetAsync(ErasureHarness.Alice, input.OperationId))!;
        Assert.Equal((OperationStatus.Failed, 2), (operation.Status, operation.Erasure!.InstancesLeft));
        Assert.Contains("2 workflow instances", operation.Error!.Detail, StringComparison.Ordinal);
        var audit = Assert.Single(await harness.AuditLog.ReadAsync("t1", 10));
        Assert.Equal((AuditOutcome.Failed, "HistoryLeft memories=1 operations=2 instancesLeft=2"), (audit.Outcome, audit.Detail));
    }

    private static async Task<ErasureStepInput> BeginAsync(ErasureHarness harness)
    {
        var operation = (await harness.Service.EraseAsync(ErasureHarness.Caller, ErasureHarness.Alice)).Operation!;
        return new ErasureStepInput(operation.TenantId, operation.UserId, operation.Id, operation.Epoch);
    }
}
