using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Local.Ingestion;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Ingestion;

public sealed class SimilarityReconcilerTests
{
    private readonly SimilarityReconciler _reconciler = new(Options.Create(new SimilarityReconcilerOptions()));

    [Fact]
    public async Task ReconcileAsync_ExactRepeat_Noop()
    {
        var existing = Memory("Works at Contoso", "employer");

        var decision = await DecideOne(Fact("works at contoso.", "employer"), (existing, 1.0));

        Assert.Equal((MemoryAction.Noop, existing.Id), (decision.Action, decision.TargetMemoryId));
    }

    [Fact]
    public async Task ReconcileAsync_SameSlotNewValue_SupersedesOld()
    {
        var existing = Memory("Works at Contoso", "employer");

        var decision = await DecideOne(Fact("Works at Fabrikam since 2026-10-28", "employer"), (existing, 0.6));

        Assert.Equal((MemoryAction.Supersede, existing.Id), (decision.Action, decision.TargetMemoryId));
    }

    [Fact]
    public async Task ReconcileAsync_SameSlotMoreDetail_Updates()
    {
        var existing = Memory("Works at Fabrikam", "employer");

        var decision = await DecideOne(Fact("Works at Fabrikam since 2026-10-28", "employer"), (existing, 0.8));

        Assert.Equal((MemoryAction.Update, existing.Id, "Works at Fabrikam since 2026-10-28"), (decision.Action, decision.TargetMemoryId, decision.Text));
    }

    [Fact]
    public async Task ReconcileAsync_SameSlotLessDetail_Noop()
    {
        var existing = Memory("Works at Fabrikam since 2026-10-28", "employer");

        var decision = await DecideOne(Fact("Works at Fabrikam", "employer"), (existing, 0.8));

        Assert.Equal(MemoryAction.Noop, decision.Action);
    }

    [Fact]
    public async Task ReconcileAsync_FactContainingAnotherSlotsStatement_AddsAndLeavesItAlone()
    {
        var usersCity = Memory("Lives in Lyon", "home city");

        var decision = await DecideOne(Fact("Sister Anna lives in Lyon"), (usersCity, 0.95));

        Assert.Equal((MemoryAction.Add, (string?)null), (decision.Action, decision.TargetMemoryId));
    }

    [Fact]
    public async Task ReconcileAsync_NearDuplicateWithoutSlot_Noop()
    {
        var existing = Memory("Loves hiking in the mountains");

        var decision = await DecideOne(Fact("Loves hiking in mountains"), (existing, 0.95));

        Assert.Equal((MemoryAction.Noop, existing.Id), (decision.Action, decision.TargetMemoryId));
    }

    [Fact]
    public async Task ReconcileAsync_SimilarButDifferent_Adds()
    {
        var decision = await DecideOne(Fact("Loves cycling"), (Memory("Loves hiking"), 0.6));

        Assert.Equal(MemoryAction.Add, decision.Action);
        Assert.Null(decision.TargetMemoryId);
    }

    [Fact]
    public async Task ReconcileAsync_RetractionOfMeat_DeletesDietAndMeatPreferencesOnly()
    {
        var eatsMeat = Memory("Eats meat", "diet:meat");
        var lovesSteak = Memory("Loves steak", "likes:steak");
        var lovesHiking = Memory("Loves hiking", "likes:hiking");

        var result = await _reconciler.ReconcileAsync([new FactWithNeighbours(
            Fact("No longer eats meat", "diet:meat", retraction: true),
            [new SimilarMemory(eatsMeat, 0.8), new SimilarMemory(lovesSteak, 0.1), new SimilarMemory(lovesHiking, 0.05)])]);

        Assert.All(result.Decisions, d => Assert.Equal(MemoryAction.Delete, d.Action));
        Assert.Equal([eatsMeat.Id, lovesSteak.Id], result.Decisions.Select(d => d.TargetMemoryId));
    }

    [Fact]
    public async Task ReconcileAsync_RetractionOfFormerEmployer_LeavesCurrentEmployer()
    {
        var decision = await DecideOne(Fact("No longer works at Contoso", "employer", retraction: true), (Memory("Works at Fabrikam", "employer"), 0.7));

        Assert.Equal(MemoryAction.Noop, decision.Action);
    }

    [Fact]
    public async Task ReconcileAsync_NoNeighbours_Adds()
    {
        var decision = await DecideOne(Fact("Lives in Oslo", "home city"));

        Assert.Equal(MemoryAction.Add, decision.Action);
    }

    private async Task<ReconciliationDecision> DecideOne(CandidateFact fact, params (MemoryRecord Memory, double Similarity)[] neighbours)
    {
        var result = await _reconciler.ReconcileAsync([new FactWithNeighbours(fact, [.. neighbours.Select(n => new SimilarMemory(n.Memory, n.Similarity))])]);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal(0, decision.FactIndex);
        return decision;
    }

    private static CandidateFact Fact(string text, string? slot = null, bool retraction = false) =>
        new(text, MemoryKind.Fact, 0.9, 0.7, ["m1"], Slot: slot, IsRetraction: retraction);

    private static MemoryRecord Memory(string text, string? slot = null) => new()
    {
        Id = MemoryIds.ForMemory(new MemoryPartition("t", "u"), null, text),
        TenantId = "t",
        UserId = "u",
        Text = text,
        ContentHash = MemoryIds.ContentHash(text),
        Metadata = slot is null ? new Dictionary<string, MetadataValue>() : new Dictionary<string, MetadataValue> { ["slot"] = MetadataValue.FromString(slot) },
    };
}
