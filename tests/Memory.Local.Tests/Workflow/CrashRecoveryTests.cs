using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Local.Tests.Workflow;

public sealed class CrashRecoveryTests
{
    private static readonly MemoryPartition Partition = RunnerHarness.Partition;

    [Fact]
    public async Task RunAsync_DiesBetweenSupersedeAndAdd_RerunFromStartCompletesWithoutDuplicates()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        await harness.IngestAsync("I work at Contoso.");
        await harness.Runner.StopAsync(CancellationToken.None);
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));
        var submitted = await harness.Service.SubmitAsync(Partition, harness.Turns("I joined Fabrikam last week."), null);
        var input = IngestionWorkflowInput.For(submitted.Operation);

        // The process "dies" on the first insert of the apply step: the old employer is already superseded, the new one not yet added.
        harness.Store.OnWrite = operation =>
        {
            if (operation == "AddAsync")
            {
                throw new OperationCanceledException("process died");
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => IngestionWorkflow.RunAsync(Context(harness, submitted.Operation.Id), input));
        Assert.Equal(OperationStatus.Running, (await harness.Operations.GetAsync(Partition, submitted.Operation.Id))!.Status);

        harness.Store.OnWrite = null;
        var result = await IngestionWorkflow.RunAsync(Context(harness, submitted.Operation.Id), input);

        Assert.Equal(OperationStatus.Succeeded, result.Status);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal(MemoryAction.Supersede, decision.Action);
        Assert.Equal(["Works at Fabrikam since around 28 October 2026"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text));
        var oldHistory = await harness.Store.GetHistoryAsync(Partition, decision.SupersededMemoryId!);
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Supersede], oldHistory.Select(e => e.Operation));
        Assert.Single(await harness.Store.GetHistoryAsync(Partition, decision.MemoryId!));
        var profile = await harness.Store.GetAsync(Partition, MemoryIds.ForProfile(Partition));
        Assert.Equal("Works at Fabrikam since around 28 October 2026", profile!.Text);
    }

    private static LocalWorkflowContext Context(RunnerHarness harness, string operationId) =>
        new(harness.Steps, harness.Clock, NullLogger.Instance, operationId, CancellationToken.None);
}
