using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Local.Tests.Workflow;

public sealed class LocalWorkflowRunnerTests
{
    [Fact]
    public async Task SubmitAsync_Turns_OperationSucceedsAndMemoriesPresent()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        var operation = await harness.IngestAsync("Hi! I work at Contoso and I live in Oslo.", "Can you suggest a lunch place?");

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Null(operation.Error);
        Assert.Equal(["Works at Contoso", "Lives in Oslo"], operation.Decisions.Select(d => d.Fact));
        Assert.All(operation.Decisions, d => Assert.Equal(Core.Ingestion.MemoryAction.Add, d.Action));
        Assert.Equal(["Lives in Oslo", "Works at Contoso"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text).Order());
        var profile = await harness.Store.GetAsync(RunnerHarness.Partition, MemoryIds.ForProfile(RunnerHarness.Partition));
        Assert.Equal("Works at Contoso\nLives in Oslo", profile!.Text);
        Assert.NotNull(await harness.Store.GetAsync(RunnerHarness.Partition, MemoryIds.ForSessionSummary(RunnerHarness.Partition, "s1")));
        Assert.Equal(new OperationProgress("Ingestion_Complete", IngestionWorkflow.PhaseCount, IngestionWorkflow.PhaseCount), operation.Progress);
    }

    [Fact]
    public async Task StartAsync_UnfinishedOperationsInStore_ResumedAndCompleted()
    {
        await using var harness = new RunnerHarness();
        var queued = new MemoryOperation { Id = "op_queued", TenantId = "t1", UserId = "u1", Request = harness.Turns("I live in Oslo.") };
        var running = new MemoryOperation { Id = "op_running", TenantId = "t1", UserId = "u1", Request = harness.Turns("I work at Contoso."), Status = OperationStatus.Running };
        await harness.Operations.CreateAsync(queued);
        await harness.Operations.CreateAsync(running);

        await harness.StartAsync();

        Assert.Equal(OperationStatus.Succeeded, (await harness.WaitAsync("op_queued")).Status);
        Assert.Equal(OperationStatus.Succeeded, (await harness.WaitAsync("op_running")).Status);
        Assert.Equal(["Lives in Oslo", "Works at Contoso"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text).Order());
    }

    [Fact]
    public async Task Runner_StoreFailsTransiently_StepRetriedAndOperationSucceeds()
    {
        await using var harness = new RunnerHarness();
        var failures = 2;
        harness.Store.OnWrite = _ =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new IOException("store unavailable");
            }
        };
        await harness.StartAsync();

        var operation = await harness.IngestAsync("I live in Oslo.");

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Single(await harness.CurrentMemoriesAsync());
        Assert.True(failures < 0);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], harness.Clock.RequestedDelays);
    }

    [Fact]
    public async Task Runner_PermanentStepFailure_OperationFailsWithProblemWithoutRetrying()
    {
        await using var harness = new RunnerHarness();
        harness.Store.OnWrite = _ => throw new NotSupportedException("store refuses the document");
        await harness.StartAsync();

        var operation = await harness.IngestAsync("I live in Oslo.");

        Assert.Equal(OperationStatus.Failed, operation.Status);
        Assert.Equal("urn:memoryfunctions:problem:ingestion-step-failed", operation.Error!.Type);
        Assert.Contains("Ingestion_KeepTurns", operation.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Oslo", operation.Error.Detail, StringComparison.Ordinal);
        Assert.Empty(harness.Clock.RequestedDelays);
    }

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKey_OneOperationOneRun()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        var request = harness.Turns("I live in Oslo.");

        var first = await harness.Service.SubmitAsync(RunnerHarness.Partition, request, "client-key");
        var repeat = await harness.Service.SubmitAsync(RunnerHarness.Partition, request, "client-key");
        var finished = await harness.WaitAsync(first.Operation.Id);

        Assert.Equal(first.Operation.Id, repeat.Operation.Id);
        Assert.False(repeat.Created);
        Assert.Single(harness.Operations.All);
        Assert.Equal(OperationStatus.Succeeded, finished.Status);
    }

    [Fact]
    public async Task Runner_ConcurrentOperationsOfOneUser_AllSucceedAndProfileKeepsEveryFact()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        string[] hobbies = ["hiking", "chess", "jazz", "cycling", "pottery", "sailing", "climbing", "baking"];

        var submitted = new List<string>();
        foreach (var hobby in hobbies)
        {
            submitted.Add((await harness.Service.SubmitAsync(RunnerHarness.Partition, harness.Turns($"I love {hobby}."), null)).Operation.Id);
        }

        foreach (var id in submitted)
        {
            Assert.Equal(OperationStatus.Succeeded, (await harness.WaitAsync(id)).Status);
        }

        Assert.Equal(hobbies.Length, (await harness.CurrentMemoriesAsync()).Count);
        var profile = await harness.Store.GetAsync(RunnerHarness.Partition, MemoryIds.ForProfile(RunnerHarness.Partition));
        Assert.Equal(hobbies.Select(h => $"Loves {h}").Order(), profile!.Text.Split('\n').Order());
    }

    [Fact]
    public async Task SubmitAsync_AfterStop_OperationStaysQueuedForNextStart()
    {
        var harness = new RunnerHarness();
        await harness.StartAsync();
        await harness.DisposeAsync();

        var submitted = await harness.Service.SubmitAsync(RunnerHarness.Partition, harness.Turns("I live in Oslo."), null);

        Assert.Equal(OperationStatus.Queued, (await harness.Operations.GetAsync(RunnerHarness.Partition, submitted.Operation.Id))!.Status);
        Assert.Equal(0, harness.Runner.PendingCount);
    }
}
