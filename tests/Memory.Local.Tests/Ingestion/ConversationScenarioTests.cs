using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Local.Tests.Workflow;

namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>Whole conversations through the local runner with the rule-based decisions, turn by turn.</summary>
public sealed class ConversationScenarioTests
{
    private static readonly MemoryPartition Partition = RunnerHarness.Partition;

    [Fact]
    public async Task NewEmployerLater_SupersedesOldEmployerFromJoinDate()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        await harness.IngestAsync("I work at Contoso.");
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));

        var operation = await harness.IngestAsync("Big news: I joined Fabrikam last week.");

        var decision = Assert.Single(operation.Decisions);
        Assert.Equal(MemoryAction.Supersede, decision.Action);
        var old = await harness.Store.GetAsync(Partition, decision.SupersededMemoryId!);
        Assert.Equal("Works at Contoso", old!.Text);
        Assert.Equal(new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.Zero), old.ValidTo);
        Assert.Equal(decision.MemoryId, old.SupersededBy);
        Assert.Equal(["Works at Fabrikam since around 28 October 2026"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text));
        var profile = await harness.Store.GetAsync(Partition, MemoryIds.ForProfile(Partition));
        Assert.Equal("Works at Fabrikam since around 28 October 2026", profile!.Text);
    }

    [Fact]
    public async Task OldAndNewEmployerInOneConversation_LaterSupersedesEarlier()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        var operation = await harness.IngestAsync("I work at Contoso and I live in Oslo.", "Actually, I joined Fabrikam last week.");

        Assert.Equal([MemoryAction.Add, MemoryAction.Add, MemoryAction.Supersede], operation.Decisions.Select(d => d.Action));
        var superseded = await harness.Store.GetAsync(Partition, operation.Decisions[2].SupersededMemoryId!);
        Assert.Equal("Works at Contoso", superseded!.Text);
        Assert.Equal(operation.Decisions[2].MemoryId, superseded.SupersededBy);
        Assert.Equal(["Lives in Oslo", "Works at Fabrikam since around 24 September 2026"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text).Order());
    }

    [Fact]
    public async Task StatementAndRetractionInOneConversation_RetractionEndsIt()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        var operation = await harness.IngestAsync("I love steak.", "Well, I no longer eat meat.");

        Assert.Equal([MemoryAction.Add, MemoryAction.Delete], operation.Decisions.Select(d => d.Action));
        Assert.Empty(await harness.CurrentMemoriesAsync());
    }

    [Fact]
    public async Task NoLongerEatMeat_RetractsEveryMeatStatementButNotOtherTastes()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        await harness.IngestAsync("I love steak and I eat meat almost every day.", "I also love hiking.");
        await harness.IngestAsync("I eat meat.");
        harness.Clock.Advance(TimeSpan.FromDays(10));

        var operation = await harness.IngestAsync("I no longer eat meat.");

        Assert.All(operation.Decisions, d => Assert.Equal(MemoryAction.Delete, d.Action));
        Assert.Equal(["Eats meat", "Eats meat almost every day", "Loves steak"], operation.Decisions.Select(d => harness.Store.GetAsync(Partition, d.MemoryId!).Result!.Text).Order());
        Assert.Equal(["Loves hiking"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text));
        var profile = await harness.Store.GetAsync(Partition, MemoryIds.ForProfile(Partition));
        Assert.Equal("Loves hiking", profile!.Text);
    }

    [Fact]
    public async Task RepeatedStatements_NoopAndNothingDuplicated()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        await harness.IngestAsync("I live in Oslo and I prefer Python over JavaScript.");

        var repeat = await harness.IngestAsync("As I said, I live in Oslo. I prefer Python over JavaScript!");

        Assert.All(repeat.Decisions, d => Assert.Equal(MemoryAction.Noop, d.Action));
        Assert.Equal(2, (await harness.CurrentMemoriesAsync()).Count);
    }

    [Fact]
    public async Task AssistantTurnsAndQuestions_ProduceNoMemories()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        var request = new IngestionRequest(
        [
            new ConversationMessage("u1", MessageRole.User, "Hello! What's a good book about Rome?", harness.Clock.GetUtcNow()),
            new ConversationMessage("a1", MessageRole.Assistant, "I love SPQR by Mary Beard. I work at the library of knowledge.", harness.Clock.GetUtcNow()),
            new ConversationMessage("u2", MessageRole.User, "Thanks, sounds good.", harness.Clock.GetUtcNow()),
        ], SessionId: "s1");

        var submitted = await harness.Service.SubmitAsync(Partition, request, null);
        var operation = await harness.WaitAsync(submitted.Operation.Id);

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Empty(operation.Decisions);
        Assert.Empty(await harness.CurrentMemoriesAsync());
    }

    [Fact]
    public async Task RelativeDates_ResolvedAgainstTurnTimestamp()
    {
        await using var harness = new RunnerHarness();
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));
        await harness.StartAsync();

        await harness.IngestAsync("I'm going to visit Paris next Friday. I adopted a cat yesterday.");

        var memories = await harness.CurrentMemoriesAsync();
        Assert.Contains(memories, m => m.Text == "Plans to visit Paris on 6 November 2026" && m.Kind == MemoryKind.Episodic);
        var adopted = Assert.Single(memories, m => m.Text == "Adopted a cat on 3 November 2026");
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), adopted.ValidFrom);
    }
}
