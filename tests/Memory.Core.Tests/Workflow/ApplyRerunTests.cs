using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>
/// A run resumed after a crash between apply and the summaries must reach and report the first run's decisions, or the
/// profile never absorbs what the first run applied (the summaries step folds the changes the apply step reports).
/// </summary>
public sealed class ApplyRerunTests
{
    private static readonly MemoryPartition Partition = StepsHarness.Partition;

    [Fact]
    public async Task FindSimilarAsync_ReRun_ItsOwnAddsAreNotNeighboursButAnotherOperationsAre()
    {
        var harness = new StepsHarness(new IngestionOptions { MinSimilarity = 0 });
        var fact = StepsHarness.Fact("Lives in Oslo", "home city");
        await harness.ApplyAsync("op_1", [fact], new ReconciliationDecision(0, MemoryAction.Add));
        var vector = (await harness.Step<EmbedFactsStep>().RunAsync(new EmbedInput([fact.Text]))).Vectors;

        var rerun = await harness.Step<FindSimilarStep>().RunAsync(new FindSimilarInput("op_1", Partition, [fact], vector));
        var other = await harness.Step<FindSimilarStep>().RunAsync(new FindSimilarInput("op_2", Partition, [fact], vector));

        Assert.Empty(rerun.Facts[0].Neighbours);
        Assert.Equal(MemoryIds.ForMemory(Partition, null, fact.Text), Assert.Single(other.Facts[0].Neighbours).Memory.Id);
    }

    [Fact]
    public async Task ApplyAsync_ReRunSeesItsUpdateAsANoop_ReportsTheUpdateAndItsProfileChanges()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Likes hiking");
        var fact = StepsHarness.Fact("Likes hiking in the Alps");
        var first = await harness.ApplyAsync("op_4", [fact], new ReconciliationDecision(0, MemoryAction.Update, id));

        // The re-run finds the updated text already there: the reconciler calls it a repeat of that memory.
        var rerun = await harness.ApplyAsync("op_4", [fact], new ReconciliationDecision(0, MemoryAction.Noop, id, Reason: "exact repeat"));
        var other = await harness.ApplyAsync("op_5", [fact], new ReconciliationDecision(0, MemoryAction.Noop, id, Reason: "exact repeat"));

        Assert.Equal([IngestionConventions.EndedStatementPrefix + "Likes hiking", "Likes hiking in the Alps"], first.ProfileChanges);
        Assert.Equal(first.ProfileChanges, rerun.ProfileChanges);
        Assert.Equal((MemoryAction.Update, id), (rerun.Decisions[0].Action, rerun.Decisions[0].MemoryId));
        Assert.Empty(other.ProfileChanges);
        Assert.Equal(MemoryAction.Noop, other.Decisions[0].Action);
    }

    [Fact]
    public async Task ApplyAsync_ReRunOfASupersessionWithinTheRequest_DoesNotReviveWhatItEnded()
    {
        var harness = new StepsHarness();
        var facts = new[] { StepsHarness.Fact("Works at Contoso", "employer"), StepsHarness.Fact("Works at Fabrikam", "employer") };
        var contoso = MemoryIds.ForMemory(Partition, null, facts[0].Text);
        var decisions = new[] { new ReconciliationDecision(0, MemoryAction.Add), new ReconciliationDecision(1, MemoryAction.Supersede, contoso) };

        var first = await harness.ApplyAsync("op_1", facts, decisions);
        var written = await HistoryCountAsync(harness);
        var rerun = await harness.ApplyAsync("op_1", facts, decisions);

        // Reviving it and ending it again would write two more history events and move its ETag.
        Assert.Equal(written, await HistoryCountAsync(harness));
        Assert.NotNull((await harness.Store.GetAsync(Partition, contoso))!.ValidTo);
        Assert.Equal(first.ProfileChanges, rerun.ProfileChanges);
        Assert.Equal(first.Decisions, rerun.Decisions);
    }

    [Fact]
    public async Task FindSimilarAsync_ReRunOfAnUpdateWhoseFactRepeatsTheTargetsFirstText_StillSeesTheTarget()
    {
        var harness = new StepsHarness(new IngestionOptions { MinSimilarity = 0 });
        var id = await harness.SeedAsync("Likes hiking");
        var facts = new[] { StepsHarness.Fact("Likes hiking"), StepsHarness.Fact("Likes hiking in the Alps") };
        await harness.ApplyAsync("op_1", facts, new ReconciliationDecision(0, MemoryAction.Noop, id), new ReconciliationDecision(1, MemoryAction.Update, id));
        var vectors = (await harness.Step<EmbedFactsStep>().RunAsync(new EmbedInput([.. facts.Select(fact => fact.Text)]))).Vectors;

        // The target kept the id of "Likes hiking" and took op_1's provenance, but op_1 updated it, never added it.
        var rerun = await harness.Step<FindSimilarStep>().RunAsync(new FindSimilarInput("op_1", Partition, facts, vectors));

        Assert.Contains(rerun.Facts[0].Neighbours, neighbour => neighbour.Memory.Id == id);
    }

    [Fact]
    public async Task ApplyAsync_SameUpdateAppliedAgain_ReportsTheSameProfileChanges()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Likes hiking");
        var fact = StepsHarness.Fact("Likes hiking in the Alps");

        // A retried step (a later write of it failed) or a re-run that decides the same UPDATE again.
        var first = await harness.ApplyAsync("op_4", [fact], new ReconciliationDecision(0, MemoryAction.Update, id));
        var again = await harness.ApplyAsync("op_4", [fact], new ReconciliationDecision(0, MemoryAction.Update, id));

        Assert.Equal(first.ProfileChanges, again.ProfileChanges);
    }

    [Fact]
    public async Task ApplyAsync_ReRunAfterTwoUpdatesOfOneMemory_EndsWhatTheOperationFoundNotItsOwnIntermediateText()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Likes hiking");
        var facts = new[] { StepsHarness.Fact("Likes hiking in the Alps"), StepsHarness.Fact("Likes hiking in the Alps in summer") };
        await harness.ApplyAsync("op_1", facts, new ReconciliationDecision(0, MemoryAction.Update, id), new ReconciliationDecision(1, MemoryAction.Update, id));

        var rerun = await harness.ApplyAsync("op_1", facts, new ReconciliationDecision(1, MemoryAction.Noop, id, Reason: "exact repeat"));

        Assert.Equal([IngestionConventions.EndedStatementPrefix + "Likes hiking", "Likes hiking in the Alps in summer"], rerun.ProfileChanges);
    }

    [Fact]
    public async Task ApplyAsync_ReRunAfterALaterOperationEndedItsMemory_DoesNotReviveIt()
    {
        var harness = new StepsHarness();
        var oslo = StepsHarness.Fact("Lives in Oslo", "home city");
        await harness.ApplyAsync("op_1", [oslo], new ReconciliationDecision(0, MemoryAction.Add));
        var osloId = MemoryIds.ForMemory(Partition, null, oslo.Text);
        await harness.ApplyAsync("op_2", [StepsHarness.Fact("Lives in Bergen", "home city")], new ReconciliationDecision(0, MemoryAction.Supersede, osloId));

        // op_1 resumes after op_2 ended its memory: Oslo is no neighbour (ended), so the fact is decided ADD again.
        await harness.ApplyAsync("op_1", [oslo], new ReconciliationDecision(0, MemoryAction.Add));

        Assert.NotNull((await harness.Store.GetAsync(Partition, osloId))!.ValidTo);
    }

    private static async Task<int> HistoryCountAsync(StepsHarness harness)
    {
        var count = 0;
        await foreach (var _ in harness.Store.ExportHistoryAsync(Partition))
        {
            count++;
        }

        return count;
    }
}
