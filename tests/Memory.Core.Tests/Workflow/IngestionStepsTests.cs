using System.Diagnostics.Metrics;
using System.Text.Json;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class IngestionStepsTests
{
    private static readonly MemoryPartition Partition = StepsHarness.Partition;

    [Fact]
    public async Task DecideAsync_TargetNotANeighbour_RejectedAsNoopWithReason()
    {
        var harness = new StepsHarness();
        harness.Reconciler.Decide = _ => [new ReconciliationDecision(0, MemoryAction.Supersede, "mem_invented")];

        var output = await harness.Step<DecideStep>().RunAsync(new DecideInput("op_1", [new FactWithNeighbours(StepsHarness.Fact("Works at Fabrikam"), [])]));

        var decision = Assert.Single(output.Decisions);
        Assert.Equal(MemoryAction.Noop, decision.Action);
        Assert.Null(decision.TargetMemoryId);
        Assert.Contains("not one of the fact's neighbours", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_FactIndexOutOfRangeOrMissing_DroppedAndNoopAdded()
    {
        var harness = new StepsHarness();
        harness.Reconciler.Decide = _ => [new ReconciliationDecision(5, MemoryAction.Add), new ReconciliationDecision(-1, MemoryAction.Add)];

        var output = await harness.Step<DecideStep>().RunAsync(new DecideInput("op_1", [new FactWithNeighbours(StepsHarness.Fact("Lives in Oslo"), [])]));

        var decision = Assert.Single(output.Decisions);
        Assert.Equal((0, MemoryAction.Noop), (decision.FactIndex, decision.Action));
    }

    [Fact]
    public async Task DecideAsync_ReconcilerRepeatsItself_OneDecisionPerFactAndTarget()
    {
        var harness = new StepsHarness();
        var neighbour = new SimilarMemory(TestMemories.Create("Lives in Bergen", StepsHarness.Partition, adjust: memory => memory with { Id = "mem_old" }), 0.9);
        harness.Reconciler.Decide = _ =>
        [
            .. Enumerable.Range(0, 1000).Select(i => new ReconciliationDecision(0, MemoryAction.Supersede, "mem_old", Reason: $"again {i}")),
            .. Enumerable.Range(0, 1000).Select(i => new ReconciliationDecision(0, MemoryAction.Add, Reason: $"add {i}")),
        ];

        var output = await harness.Step<DecideStep>().RunAsync(new DecideInput("op_1", [new FactWithNeighbours(StepsHarness.Fact("Lives in Oslo"), [neighbour])]));

        Assert.Equal([(MemoryAction.Supersede, "again 0"), (MemoryAction.Add, "add 0")], output.Decisions.Select(d => (d.Action, d.Reason)));
    }

    [Fact]
    public async Task FindSimilarAsync_SameSlotBelowThreshold_IncludedWithoutEmbedding()
    {
        var harness = new StepsHarness(new IngestionOptions { MinSimilarity = 0.99 });
        var id = await harness.SeedAsync("Works at Contoso", "employer");
        await harness.SeedAsync("Loves hiking");
        var fact = StepsHarness.Fact("Works at Fabrikam", "employer");
        var vector = (await harness.Step<EmbedFactsStep>().RunAsync(new EmbedInput([fact.Text]))).Vectors;

        var output = await harness.Step<FindSimilarStep>().RunAsync(new FindSimilarInput("op_find", Partition, [fact], vector));

        var neighbour = Assert.Single(Assert.Single(output.Facts).Neighbours);
        Assert.Equal(id, neighbour.Memory.Id);
        Assert.Empty(neighbour.Memory.Embedding);
        Assert.True(neighbour.Similarity is > 0 and < 0.99);
    }

    [Fact]
    public async Task FindSimilarAsync_EndedMemories_NotNeighbours()
    {
        var harness = new StepsHarness(new IngestionOptions { MinSimilarity = 0 });
        var id = await harness.SeedAsync("Eats meat", "diet:meat");
        await harness.ApplyAsync("op_r", [StepsHarness.Fact("No longer eats meat", "diet:meat", retraction: true)], new ReconciliationDecision(0, MemoryAction.Delete, id));
        var fact = StepsHarness.Fact("Eats meat", "diet:meat");
        var vector = (await harness.Step<EmbedFactsStep>().RunAsync(new EmbedInput([fact.Text]))).Vectors;

        var output = await harness.Step<FindSimilarStep>().RunAsync(new FindSimilarInput("op_find", Partition, [fact], vector));

        Assert.Empty(output.Facts[0].Neighbours);
    }

    [Fact]
    public async Task RefreshSummariesAsync_RunTwice_FoldsOnce()
    {
        var harness = new StepsHarness(new IngestionOptions { SessionSummaryEveryTurns = 1 });
        await harness.QueueOperationAsync("op_1");
        var input = new SummarizeInput("op_1", Partition, 0, ["Works at Contoso"]);

        var first = await harness.Step<RefreshSummariesStep>().RunAsync(input);
        var second = await harness.Step<RefreshSummariesStep>().RunAsync(input);

        Assert.True(first.SessionSummaryRefreshed && first.ProfileRefreshed);
        Assert.False(second.SessionSummaryRefreshed || second.ProfileRefreshed);
        Assert.Equal(2, harness.Summarizer.Requests.Count);
        var profile = await harness.Store.GetAsync(Partition, MemoryIds.ForProfile(Partition));
        var summary = await harness.Store.GetAsync(Partition, MemoryIds.ForSessionSummary(Partition, "s1"));
        Assert.Equal((MemoryKind.Profile, "Works at Contoso"), (profile!.Kind, profile.Text));
        Assert.Equal((MemoryKind.Summary, "User: I work at Contoso"), (summary!.Kind, summary.Text));
        Assert.Single(await harness.Store.GetHistoryAsync(Partition, profile.Id));
    }

    [Fact]
    public async Task RefreshSummariesAsync_NotDue_BuffersTurnsUntilDue()
    {
        var harness = new StepsHarness(new IngestionOptions { SessionSummaryEveryTurns = 3 });
        var now = harness.Clock.GetUtcNow();
        async Task<SummarizeOutput> FoldAsync(string op, string text)
        {
            await harness.QueueOperationAsync(op, new IngestionRequest([new ConversationMessage(op, MessageRole.User, text, now)], SessionId: "s1"));
            return await harness.Step<RefreshSummariesStep>().RunAsync(new SummarizeInput(op, Partition, 0, []));
        }

        await FoldAsync("op_1", "first");
        var second = await FoldAsync("op_2", "second");
        var third = await FoldAsync("op_3", "third");
        var fourth = await FoldAsync("op_4", "fourth");

        Assert.False(second.SessionSummaryRefreshed || third.SessionSummaryRefreshed);
        Assert.True(fourth.SessionSummaryRefreshed);
        Assert.Equal(["User: second", "User: third", "User: fourth"], harness.Summarizer.Requests[^1].NewContent);
        var summary = await harness.Store.GetAsync(Partition, MemoryIds.ForSessionSummary(Partition, "s1"));
        Assert.Equal("User: first\nUser: second\nUser: third\nUser: fourth", summary!.Text);
    }

    [Fact]
    public async Task CompleteAsync_RunTwice_SucceedsOnceAndKeepsResult()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1");
        var decisions = new[] { new AppliedDecision(MemoryAction.Add, "Works at Contoso", "mem_1", null, "new") };

        await harness.Step<ReportProgressStep>().RunAsync(new ProgressInput("op_1", Partition, WorkflowStepNames.ExtractFacts, 0, 6));
        var first = await harness.Step<CompleteStep>().RunAsync(new CompleteInput("op_1", Partition, decisions, new TokenUsage(3, 4)));
        var late = await harness.Step<ReportProgressStep>().RunAsync(new ProgressInput("op_1", Partition, WorkflowStepNames.Apply, 4, 6));
        var failLate = await harness.Step<FailStep>().RunAsync(new FailInput("op_1", Partition, new OperationError("t", "x", "y"), TokenUsage.None));

        var stored = await harness.Operations.GetAsync(Partition, "op_1");
        Assert.Equal(OperationStatus.Succeeded, first.Status);
        Assert.False(late.ShouldContinue);
        Assert.Equal(OperationStatus.Succeeded, failLate.Status);
        Assert.Equal(OperationStatus.Succeeded, stored!.Status);
        Assert.Equal(decisions, stored.Decisions);
        Assert.Equal(new TokenUsage(3, 4), stored.Usage);
        Assert.Null(stored.Error);
    }

    [Fact]
    public async Task ReportProgressAsync_QueuedOperation_MarksRunningWithProgress()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1");

        var output = await harness.Step<ReportProgressStep>().RunAsync(new ProgressInput("op_1", Partition, WorkflowStepNames.Reconcile, 3, 6));
        var missing = await harness.Step<ReportProgressStep>().RunAsync(new ProgressInput("op_missing", Partition, WorkflowStepNames.Reconcile, 3, 6));

        var stored = await harness.Operations.GetAsync(Partition, "op_1");
        Assert.True(output.ShouldContinue);
        Assert.Null(missing.Status);
        Assert.Equal(OperationStatus.Running, stored!.Status);
        Assert.Equal(new OperationProgress(WorkflowStepNames.Reconcile, 3, 6), stored.Progress);
    }

    [Fact]
    public async Task ExtractFactsAsync_ModelUsage_RecordedAsModelTokens()
    {
        var harness = new StepsHarness();
        harness.Extractor.Usage = new TokenUsage(1234, 56);
        var recorded = new List<(long Value, string? Type)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MemoryTelemetry.Name && instrument.Name == "memory.model.tokens")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var step = tags.ToArray().FirstOrDefault(t => t.Key == "memory.step").Value as string;
            if (step == WorkflowStepNames.ExtractFacts && value is 1234 or 56)
            {
                recorded.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "memory.token.type").Value as string));
            }
        });
        listener.Start();

        await harness.QueueOperationAsync("op_1");
        var result = await harness.Step<ExtractFactsStep>().RunAsync(new ExtractInput("op_1", Partition));

        Assert.Equal(new TokenUsage(1234, 56), result.Usage);
        Assert.Contains((1234L, "input"), recorded);
        Assert.Contains((56L, "output"), recorded);
    }

    [Fact]
    public void StepRecords_RoundTripThroughSystemTextJson()
    {
        var fact = StepsHarness.Fact("Works at Contoso", "employer", validFrom: new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        var apply = new ApplyInput("op_1", Partition, 3, [fact], [new ReconciliationDecision(0, MemoryAction.Supersede, "mem_1", null, "slot")]);
        var workflowInput = new IngestionWorkflowInput("op_1", Partition, 3);

        var applyBack = JsonSerializer.Deserialize<ApplyInput>(JsonSerializer.Serialize(apply))!;
        var inputBack = JsonSerializer.Deserialize<IngestionWorkflowInput>(JsonSerializer.Serialize(workflowInput))!;
        var progressBack = JsonSerializer.Deserialize<ProgressOutput>(JsonSerializer.Serialize(new ProgressOutput(OperationStatus.Running)))!;

        Assert.Equal(Partition, applyBack.Partition);
        Assert.Equal(fact, applyBack.Facts[0] with { SourceMessageIds = fact.SourceMessageIds });
        Assert.Equal(["m1"], applyBack.Facts[0].SourceMessageIds);
        Assert.Equal(apply.Decisions, applyBack.Decisions);
        Assert.Equal(workflowInput, inputBack);
        Assert.True(progressBack.ShouldContinue);
    }
}
