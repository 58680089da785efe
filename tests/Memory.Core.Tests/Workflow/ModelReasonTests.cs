using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>
/// Issue 25, symptom 3 (every copy of a turn): a model's reason may quote what it was shown. For a NOOP that names no
/// memory, that is a fact the finished record drops, so its reason goes too, before it is recorded anywhere; reasons about
/// facts that memories hold, and our own fixed reasons, stay.
/// </summary>
public sealed class ModelReasonTests
{
    private const string Quote = "the user said: my PIN is 4711";

    [Theory]
    [InlineData(false, DecideStep.ReasonNotKept)]
    [InlineData(true, Quote)]
    public async Task DecideAsync_ModelReasonForANoopNamingNoMemory_KeptOnlyWithKeepFinishedRequests(bool keepFinishedRequests, string expected)
    {
        var harness = new StepsHarness(new IngestionOptions { KeepFinishedRequests = keepFinishedRequests });
        harness.Reconciler.Decide = _ => [new ReconciliationDecision(0, MemoryAction.Noop, Reason: Quote) { ReasonWrittenByModel = true }];

        var output = await harness.Step<DecideStep>().RunAsync(new DecideInput("op_1", [new FactWithNeighbours(StepsHarness.Fact("PIN is 4711"), [])]));

        Assert.Equal(expected, Assert.Single(output.Decisions).Reason);
    }

    [Fact]
    public async Task DecideAsync_ModelReasonForAFactAMemoryHoldsAndOurOwnReasons_Kept()
    {
        var harness = new StepsHarness();
        var neighbour = await harness.SeedAsync("Lives in Oslo");
        var memory = (await harness.Store.GetAsync(StepsHarness.Partition, neighbour))!;
        harness.Reconciler.Decide = _ =>
        [
            new ReconciliationDecision(0, MemoryAction.Noop, neighbour, Reason: Quote) { ReasonWrittenByModel = true },
            new ReconciliationDecision(1, MemoryAction.Add, Reason: Quote) { ReasonWrittenByModel = true },
            new ReconciliationDecision(2, MemoryAction.Noop, Reason: "no similar memory"),
        ];

        var output = await harness.Step<DecideStep>().RunAsync(new DecideInput("op_1",
        [
            new FactWithNeighbours(StepsHarness.Fact("Lives in Oslo"), [new SimilarMemory(memory, 0.99)]),
            new FactWithNeighbours(StepsHarness.Fact("Likes tea"), []),
            new FactWithNeighbours(StepsHarness.Fact("Said hello"), []),
        ]));

        Assert.Equal([Quote, Quote, "no similar memory"], output.Decisions.Select(decision => decision.Reason));
    }
}
