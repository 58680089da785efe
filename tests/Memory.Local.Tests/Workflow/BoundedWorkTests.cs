using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>Issue 12, finding 3: n same-slot facts in one request were reconciled pairwise (n(n-1)/2+1 decisions).</summary>
public sealed class BoundedWorkTests
{
    [Fact]
    public async Task IngestAsync_ManySameSlotFactsInOneRequest_DecisionsLinearInTheFacts()
    {
        const int Facts = 120;
        await using var harness = new RunnerHarness(new IngestionOptions { MaxFactsPerRequest = Facts });
        await harness.StartAsync();

        var operation = await harness.IngestAsync([.. Enumerable.Range(0, Facts).Select(i => $"I live in Town{i:D3}.")]);

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        // Before: n(n-1)/2+1 = 7,141 decisions for 120 facts (the measurement). Now each fact ends at most the value just before it.
        Assert.InRange(operation.Decisions.Count, Facts, 2 * Facts);
        var current = await harness.CurrentMemoriesAsync();
        Assert.Equal(["Lives in Town119"], current.Where(m => m.Text.StartsWith("Lives in", StringComparison.Ordinal)).Select(m => m.Text));
    }

    [Fact]
    public async Task IngestAsync_MoreFactsThanTheCap_ReconcilesTheFirstKeepsEveryTurnAndRecordsTheTruncation()
    {
        await using var harness = new RunnerHarness(new IngestionOptions { MaxFactsPerRequest = 10 });
        await harness.StartAsync();

        var operation = await harness.IngestAsync([.. Enumerable.Range(0, 15).Select(i => $"I live in Town{i:D3}.")]);

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Equal(new IngestionTruncation(FactsOmitted: 5, DecisionsOmitted: 0), operation.Truncation);
        Assert.Equal(["Lives in Town009"], (await harness.CurrentMemoriesAsync()).Where(m => m.Text.StartsWith("Lives in", StringComparison.Ordinal)).Select(m => m.Text));
        var turns = await harness.Store.ListAsync(RunnerHarness.Partition, new MemoryFilter { At = harness.Clock.GetUtcNow(), Kinds = [MemoryKind.Turn] }, 100, null);
        Assert.Equal(15, turns.Items.Count);
    }
}
