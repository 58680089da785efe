using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class WorkflowStepsTests
{
    [Fact]
    public void All_Names_AreUniqueAndNamedFindsEach()
    {
        Assert.Equal(WorkflowSteps.All.Count, WorkflowSteps.All.Select(step => step.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(WorkflowSteps.All, step => Assert.Same(step, WorkflowSteps.Named(step.Name)));
        Assert.Throws<NotSupportedException>(() => WorkflowSteps.Named("Ingestion_Unknown"));
    }

    [Fact]
    public async Task Invoker_EveryStep_ResolvesItsHandlerAndRefusesAnotherStepsInput()
    {
        var invoker = new StepsHarness().Step<WorkflowStepInvoker>();
        var wrong = new EmbedInput(["x"]);

        foreach (var step in WorkflowSteps.All.Where(step => step.InputType != typeof(EmbedInput)))
        {
            // Reaching the handler's input check proves the name dispatched to a resolvable handler.
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => invoker.RunAsync(step.Name, wrong));
            Assert.Contains(step.InputType.Name, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invoker_TypedCallWithAnotherSignature_IsRefused()
    {
        var invoker = new StepsHarness().Step<WorkflowStepInvoker>();

        await Assert.ThrowsAsync<NotSupportedException>(() => invoker.RunAsync<EmbedInput, ProgressOutput>(WorkflowSteps.EmbedFacts, new EmbedInput([])));
        var embedded = await invoker.RunAsync<EmbedInput, EmbedOutput>(WorkflowSteps.EmbedFacts, new EmbedInput(["tea"]));
        Assert.Single(embedded.Vectors);
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
        var request = (await harness.QueueOperationAsync("op_x")).Request;

        var output = await harness.Step<ExtractFactsStep>().RunAsync(new ExtractInput("op_x", StepsHarness.Partition, request));

        Assert.Equal(["Lives in Oslo", "Likes tea"], output.Facts.Select(fact => fact.Text));
        Assert.Equal(1, output.FactsOmitted);
    }
}
