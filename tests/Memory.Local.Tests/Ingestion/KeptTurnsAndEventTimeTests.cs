using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Tests.Workflow;

namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>Kept turns and event time through the real workflow, rule-based extractor and reconciler.</summary>
public sealed partial class KeptTurnsAndEventTimeTests
{
    private static readonly MemoryPartition Partition = RunnerHarness.Partition;

    // A conversation from May 2023, imported on 1 October 2026 (the harness clock).
    private static readonly DateTimeOffset May8 = new(2023, 5, 8, 13, 56, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_NamedSpeakers_EveryTurnKeptVerbatimWithSpeakerSessionMessageIdAndEventTime()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        var operation = await IngestAsync(harness, "s1", May8, ("Caroline", "I went to a LGBTQ support group yesterday."), ("Melanie", "Wow, how did it go?"));

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        var turns = await TurnsAsync(harness);
        Assert.Equal(["I went to a LGBTQ support group yesterday.", "Wow, how did it go?"], turns.Select(t => t.Text).Order());
        var caroline = Assert.Single(turns, t => t.Speaker == "Caroline");
        Assert.Equal(("s1", May8, operation.Id), (caroline.SessionId, caroline.ValidFrom, caroline.Provenance.OperationId));
        Assert.Equal(["s1-0"], caroline.Provenance.MessageIds);
        Assert.Equal(harness.Clock.GetUtcNow(), caroline.CreatedAt);
        var fact = Assert.Single(await harness.CurrentMemoriesAsync());
        Assert.Equal("Caroline went to a LGBTQ support group on 7 May 2023", fact.Text);
        Assert.Equal(new DateTimeOffset(2023, 5, 7, 0, 0, 0, TimeSpan.Zero), fact.ValidFrom);
    }

    [Fact]
    public async Task Ingest_SameSessionTwice_TurnsNotDuplicated()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));
        await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));

        Assert.Single(await TurnsAsync(harness));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ingest_Finished_TheOperationRecordKeepsNoTurnsUnlessConfigured(bool keepTurns)
    {
        // Issue 25, symptom 3: with KeepTurns=false no turn memory was made, yet the operation record (read role, export)
        // kept both turns verbatim for ever; with a turn TTL it outlived the turns. It keeps them only while it runs.
        await using var harness = new RunnerHarness(new IngestionOptions { KeepTurns = keepTurns });
        await harness.StartAsync();

        var operation = await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."), ("Melanie", "Lovely, which lake?"));

        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Empty(operation.Request.Messages);
        Assert.Equal("s1", operation.Request.SessionId);
        var retained = (await harness.CurrentMemoriesAsync()).Select(memory => memory.Text).Concat((await TurnsAsync(harness)).Select(turn => turn.Text)).ToList();
        Assert.All(operation.Decisions.Where(decision => decision.MemoryId is not null), decision => Assert.Contains(decision.Fact, retained));
    }

    [Fact]
    public async Task Ingest_KeepFinishedRequests_TheOperationRecordKeepsItsTurns()
    {
        await using var harness = new RunnerHarness(new IngestionOptions { KeepFinishedRequests = true });
        await harness.StartAsync();

        var operation = await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));

        Assert.Equal(["I painted a lake."], operation.Request.Messages.Select(message => message.Content));
    }

    [Fact]
    public async Task Ingest_RetentionOff_NoTurnsButFactsStill()
    {
        await using var harness = new RunnerHarness(new IngestionOptions { KeepTurns = false });
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));

        Assert.Empty(await TurnsAsync(harness));
        Assert.Single(await harness.CurrentMemoriesAsync());
    }

    [Fact]
    public async Task Ingest_RetentionTimeToLive_TurnsExpireThatLongAfterRecording()
    {
        await using var harness = new RunnerHarness(new IngestionOptions { TurnTimeToLive = TimeSpan.FromDays(30) });
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));

        var turn = Assert.Single(await TurnsAsync(harness));
        Assert.Equal(harness.Clock.GetUtcNow().AddDays(30), turn.ExpiresAt);
        Assert.Empty((await harness.Store.ListAsync(Partition, new MemoryFilter { At = harness.Clock.GetUtcNow().AddDays(31), Kinds = [MemoryKind.Turn] }, 10, null)).Items);
    }

    [Fact]
    public async Task Ingest_EraseAfterwards_TurnsGoneFromExport()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        await IngestAsync(harness, "s1", May8, ("Caroline", "I painted a lake."));
        Assert.Contains(await ExportAsync(harness), m => m.Kind == MemoryKind.Turn);

        await harness.Store.EraseAsync(Partition);

        Assert.Empty(await ExportAsync(harness));
    }

    [Fact]
    public async Task Import_OlderConversationAfterNewer_OlderStatementNeverSupersedesNewer()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        await IngestAsync(harness, "s2", May8.AddMonths(6), (null, "I work at Fabrikam."));
        var older = await IngestAsync(harness, "s1", May8, (null, "I work at Contoso."));

        Assert.Equal(["Works at Fabrikam"], (await harness.CurrentMemoriesAsync()).Select(m => m.Text));
        var contoso = await harness.Store.GetAsync(Partition, older.Decisions[0].MemoryId!);
        Assert.Equal((May8, May8.AddMonths(6)), (contoso!.ValidFrom, contoso.ValidTo));
        Assert.Equal(MemoryIds.ForMemory(Partition, null, "Works at Fabrikam"), contoso.SupersededBy);
    }

    [Fact]
    public async Task Import_OldConversationsInOrder_SupersessionEndsAtTheSupersedingStatementsTime()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, (null, "I work at Contoso."));
        await IngestAsync(harness, "s2", May8.AddMonths(6), (null, "I work at Fabrikam."));

        var contoso = await harness.Store.GetAsync(Partition, MemoryIds.ForMemory(Partition, null, "Works at Contoso"));
        Assert.Equal((May8, May8.AddMonths(6)), (contoso!.ValidFrom, contoso.ValidTo));
        var asOfJune2023 = await harness.Store.ListAsync(Partition, new MemoryFilter { At = May8.AddMonths(1), Kinds = MemoryKinds.Recallable }, 10, null);
        Assert.Equal(["Works at Contoso"], asOfJune2023.Items.Select(m => m.Text));
    }

    private static async Task<MemoryOperation> IngestAsync(RunnerHarness harness, string sessionId, DateTimeOffset at, params (string? Speaker, string Text)[] turns)
    {
        var request = new IngestionRequest(
            [.. turns.Select((turn, i) => new ConversationMessage($"{sessionId}-{i}", i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, turn.Text, at.AddMinutes(i), turn.Speaker))],
            SessionId: sessionId);
        var submission = await harness.Service.SubmitAsync(Partition, request, idempotencyKey: null);
        return await harness.WaitAsync(submission.Operation.Id);
    }

    private static async Task<IReadOnlyList<MemoryRecord>> TurnsAsync(RunnerHarness harness) =>
        (await harness.Store.ListAsync(Partition, new MemoryFilter { At = harness.Clock.GetUtcNow(), Kinds = [MemoryKind.Turn] }, 100, null)).Items;

    private static async Task<List<MemoryRecord>> ExportAsync(RunnerHarness harness)
    {
        var all = new List<MemoryRecord>();
        await foreach (var memory in harness.Store.ExportMemoriesAsync(Partition))
        {
            all.Add(memory);
        }

        return all;
    }
}
