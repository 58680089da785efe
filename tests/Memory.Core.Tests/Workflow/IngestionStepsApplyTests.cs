using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class IngestionStepsApplyTests
{
    private static readonly MemoryPartition Partition = StepsHarness.Partition;

    [Fact]
    public async Task ApplyAsync_RunTwice_WritesEachMemoryAndHistoryEventOnce()
    {
        var harness = new StepsHarness();
        var oldId = await harness.SeedAsync("Works at Contoso", "employer");
        var facts = new[] { StepsHarness.Fact("Works at Fabrikam", "employer"), StepsHarness.Fact("Lives in Oslo", "home city") };
        var decisions = new[] { new ReconciliationDecision(0, MemoryAction.Supersede, oldId), new ReconciliationDecision(1, MemoryAction.Add) };

        var first = await harness.ApplyAsync("op_1", facts, decisions);
        var memoriesAfterFirst = await Export(harness);
        var historyAfterFirst = await History(harness);
        var second = await harness.ApplyAsync("op_1", facts, decisions);

        Assert.Equal(3, memoriesAfterFirst.Count);
        Assert.Equal(memoriesAfterFirst.OrderBy(m => m.Id).Select(m => (m.Id, m.ETag)), (await Export(harness)).OrderBy(m => m.Id).Select(m => (m.Id, m.ETag)));
        Assert.Equal(historyAfterFirst.Count, (await History(harness)).Count);
        Assert.Equal(4, historyAfterFirst.Count); // seed ADD, SUPERSEDE, ADD Fabrikam, ADD Oslo
        Assert.Equal(historyAfterFirst.Count, historyAfterFirst.Select(e => e.Id).Distinct().Count());
        Assert.Equal(first.Decisions.Select(d => (d.Action, d.MemoryId)), second.Decisions.Select(d => (d.Action, d.MemoryId)));
    }

    [Fact]
    public async Task ApplyAsync_Supersede_EndsTargetAtFactTimeAndAddsNewMemory()
    {
        var harness = new StepsHarness();
        var oldId = await harness.SeedAsync("Works at Contoso", "employer");
        harness.Clock.Advance(TimeSpan.FromDays(30));
        var joined = harness.Clock.GetUtcNow().AddDays(-7);
        var fact = StepsHarness.Fact("Works at Fabrikam since 2026-11-24", "employer", validFrom: joined);

        var output = await harness.ApplyAsync("op_2", [fact], new ReconciliationDecision(0, MemoryAction.Supersede, oldId));

        var newId = MemoryIds.ForMemory(Partition, null, fact.Text);
        var old = await harness.Store.GetAsync(Partition, oldId);
        var added = await harness.Store.GetAsync(Partition, newId);
        Assert.Equal(joined, old!.ValidTo);
        Assert.Equal(newId, old.SupersededBy);
        Assert.NotNull(added);
        Assert.Equal(joined, added.ValidFrom);
        Assert.Equal("employer", added.Metadata["slot"].Text);
        Assert.Equal("op_2", added.Provenance.OperationId);
        Assert.Equal(MemoryAction.Supersede, output.Decisions[0].Action);
        Assert.Equal(oldId, output.Decisions[0].SupersededMemoryId);
        Assert.Contains("No longer true: Works at Contoso", output.ProfileChanges);
        var history = await harness.Store.GetHistoryAsync(Partition, oldId);
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Supersede], history.Select(e => e.Operation));
        Assert.Equal("op_2", history[^1].OperationId);
    }

    [Fact]
    public async Task ApplyAsync_Retraction_EndsTargetWithoutReplacement()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Eats meat", "diet:meat");
        harness.Clock.Advance(TimeSpan.FromHours(1));

        var output = await harness.ApplyAsync("op_3", [StepsHarness.Fact("No longer eats meat", "diet:meat", retraction: true)], new ReconciliationDecision(0, MemoryAction.Delete, id));

        var ended = await harness.Store.GetAsync(Partition, id);
        Assert.Equal(harness.Clock.GetUtcNow(), ended!.ValidTo);
        Assert.Null(ended.SupersededBy);
        Assert.Single(await Export(harness)); // nothing replaced it
        Assert.Equal(MemoryAction.Delete, output.Decisions[0].Action);
        Assert.Equal(HistoryOperation.Delete, (await harness.Store.GetHistoryAsync(Partition, id))[^1].Operation);
    }

    [Fact]
    public async Task ApplyAsync_Update_ReplacesTextKeepsId()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Likes hiking");

        await harness.ApplyAsync("op_4", [StepsHarness.Fact("Likes hiking in the Alps")], new ReconciliationDecision(0, MemoryAction.Update, id));

        var updated = await harness.Store.GetAsync(Partition, id);
        Assert.Equal("Likes hiking in the Alps", updated!.Text);
        Assert.Equal(MemoryIds.ContentHash("Likes hiking in the Alps"), updated.ContentHash);
        Assert.Single(await Export(harness));
    }

    [Fact]
    public async Task ApplyAsync_ETagConflict_ReReadsAndWrites()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Works at Contoso", "employer");
        var interfered = false;
        harness.Store.OnWrite = operation =>
        {
            if (operation == "ReplaceAsync" && !interfered)
            {
                // Another writer touches the memory between our read and our write.
                interfered = true;
                var current = harness.Store.GetAsync(Partition, id).GetAwaiter().GetResult()!;
                var history = HistoryEvents.For(current, HistoryOperation.Update, current.Text, current.Text, harness.Clock.GetUtcNow(), "test", "op_other");
                harness.Store.ReplaceAsync(Partition, current with { Importance = 0.1 }, null, history).GetAwaiter().GetResult();
            }
        };

        await harness.ApplyAsync("op_5", [StepsHarness.Fact("Works at Fabrikam", "employer")], new ReconciliationDecision(0, MemoryAction.Supersede, id));

        var old = await harness.Store.GetAsync(Partition, id);
        Assert.True(interfered);
        Assert.NotNull(old!.ValidTo);
        Assert.Equal(0.1, old.Importance);
    }

    [Fact]
    public async Task ApplyAsync_AddOfEndedStatement_RevivesIt()
    {
        var harness = new StepsHarness();
        var id = await harness.SeedAsync("Eats meat", "diet:meat");
        await harness.ApplyAsync("op_6", [StepsHarness.Fact("No longer eats meat", "diet:meat", retraction: true)], new ReconciliationDecision(0, MemoryAction.Delete, id));
        harness.Clock.Advance(TimeSpan.FromDays(1));

        await harness.ApplyAsync("op_7", [StepsHarness.Fact("Eats meat", "diet:meat")], new ReconciliationDecision(0, MemoryAction.Add));

        var revived = await harness.Store.GetAsync(Partition, id);
        Assert.Null(revived!.ValidTo);
        Assert.True(revived.IsVisibleAt(harness.Clock.GetUtcNow(), includeSuperseded: false));
    }

    private static async Task<List<MemoryRecord>> Export(StepsHarness harness)
    {
        var list = new List<MemoryRecord>();
        await foreach (var memory in harness.Store.ExportMemoriesAsync(Partition))
        {
            list.Add(memory);
        }

        return list;
    }

    private static async Task<List<HistoryEvent>> History(StepsHarness harness)
    {
        var list = new List<HistoryEvent>();
        await foreach (var e in harness.Store.ExportHistoryAsync(Partition))
        {
            list.Add(e);
        }

        return list;
    }
}
