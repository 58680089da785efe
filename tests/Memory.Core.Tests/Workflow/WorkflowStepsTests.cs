using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class WorkflowStepsTests
{
    [Fact]
    public void All_NamesAreUnique_AndEveryHandlerResolvesFromAddMemoryIngestion()
    {
        var harness = new StepsHarness();

        Assert.Equal(WorkflowSteps.All.Count, WorkflowSteps.All.Select(step => step.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(WorkflowSteps.All, step => Assert.IsAssignableFrom(step.HandlerType, harness.Services.GetService(step.HandlerType)));
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsPermanently_LeavesAsPermanentStepExceptionNamingOnlyTheType()
    {
        var harness = new StepsHarness();
        harness.Extractor.Extract = _ => throw new ArgumentException("turn 'I live in Oslo' cannot be parsed");
        await harness.QueueOperationAsync("op_bad");

        var failed = await Assert.ThrowsAsync<PermanentStepException>(() =>
            WorkflowSteps.ExtractFacts.RunAsync(harness.Services, new ExtractInput("op_bad", StepsHarness.Partition)));

        Assert.Equal(nameof(ArgumentException), failed.Message);
        Assert.IsType<ArgumentException>(failed.InnerException);
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsTransiently_LeavesAsStepFailedException_AndCancellationAsItIs()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_busy");
        var input = new ExtractInput("op_busy", StepsHarness.Partition);

        harness.Extractor.Extract = _ => throw new IOException("connection reset");
        var failed = await Assert.ThrowsAsync<StepFailedException>(() => WorkflowSteps.ExtractFacts.RunAsync(harness.Services, input));
        harness.Extractor.Extract = _ => throw new OperationCanceledException();
        await Assert.ThrowsAsync<OperationCanceledException>(() => WorkflowSteps.ExtractFacts.RunAsync(harness.Services, input));

        Assert.IsNotType<PermanentStepException>(failed);
        Assert.Equal(nameof(IOException), failed.Message);
    }

    [Fact]
    public async Task Complete_MoreDecisionsThanTheCap_RecordsTheFirstAndCountsTheRest()
    {
        var harness = new StepsHarness(new IngestionOptions { MaxDecisionsRecorded = 3 });
        await harness.QueueOperationAsync("op_cap");
        var decisions = Enumerable.Range(0, 5).Select(i => new AppliedDecision(MemoryAction.Add, $"fact {i}", $"mem_{i}", null, "new")).ToList();

        await harness.Step<CompleteStep>().RunAsync(new CompleteInput("op_cap", StepsHarness.Partition, decisions, TokenUsage.None, FactsOmitted: 2));

        var stored = (await harness.Operations.GetAsync(StepsHarness.Partition, "op_cap"))!;
        Assert.Equal(OperationStatus.Succeeded, stored.Status);
        Assert.Equal(["mem_0", "mem_1", "mem_2"], stored.Decisions.Select(d => d.MemoryId));
        Assert.Equal(new IngestionTruncation(FactsOmitted: 2, DecisionsOmitted: 2), stored.Truncation);
    }

    [Fact]
    public async Task Complete_WithinTheCaps_RecordsNoTruncation()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_small");

        await harness.Step<CompleteStep>().RunAsync(new CompleteInput("op_small", StepsHarness.Partition, [], TokenUsage.None));

        Assert.Null((await harness.Operations.GetAsync(StepsHarness.Partition, "op_small"))!.Truncation);
    }

    [Fact]
    public async Task ExtractFacts_MoreFactsThanTheCap_KeepsTheFirstAndCountsTheRest()
    {
        var harness = new StepsHarness(new IngestionOptions { MaxFactsPerRequest = 2 });
        harness.Extractor.Facts = [StepsHarness.Fact("Lives in Oslo"), StepsHarness.Fact("Likes tea"), StepsHarness.Fact("Owns a cat")];
        await harness.QueueOperationAsync("op_x");

        var output = await harness.Step<ExtractFactsStep>().RunAsync(new ExtractInput("op_x", StepsHarness.Partition));

        Assert.Equal(["Lives in Oslo", "Likes tea"], output.Facts.Select(fact => fact.Text));
        Assert.Equal(1, output.FactsOmitted);
    }
}
