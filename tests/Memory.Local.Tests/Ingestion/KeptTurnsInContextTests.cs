using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Tests.Workflow;

namespace MemoryFunctions.Local.Tests.Ingestion;

/// <summary>What a kept turn carries beside its text: its posted position, its relative dates resolved, the turn before it.</summary>
public sealed partial class KeptTurnsAndEventTimeTests
{
    [Fact]
    public async Task Ingest_Turns_KeepPostedPositionResolvedDatesAndTheTurnBefore()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Melanie", "What kind of music have you been listening to?"), ("Caroline", "Mostly jazz! I saw a band yesterday."));
        // The second request is accepted after the first (the harness clock moves only when told): it copies the turn before it.
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await IngestAsync(harness, "s1", May8.AddHours(1), ("Melanie", "Nice, which band?"));

        var turns = TurnContext.InPostedOrder(await TurnsAsync(harness)).ToList();
        Assert.Equal([0, 1, 0], turns.Select(t => t.Ordinal));
        Assert.Equal([null, "What kind of music have you been listening to?", "Mostly jazz! I saw a band yesterday."], turns.Select(t => t.PrecedingText));
        Assert.Equal([null, "yesterday = 7 May 2023", null], turns.Select(t => t.ResolvedDates));
        Assert.Equal("Mostly jazz! I saw a band yesterday.", turns[1].Text);
    }

    [Fact]
    public async Task Ingest_TurnsWithOneTimestamp_KeepTheirPostedOrder()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();
        var texts = Enumerable.Range(1, 12).Select(i => $"Message number {i}, posted in order.").ToArray();

        var request = new Core.Ingestion.IngestionRequest([.. texts.Select((text, i) => new Core.Ingestion.ConversationMessage($"m{i}", Core.Ingestion.MessageRole.User, text, May8))], SessionId: "s1");
        await harness.WaitAsync((await harness.Service.SubmitAsync(Partition, request, idempotencyKey: null)).Operation.Id);

        Assert.Equal(texts, TurnContext.InPostedOrder(await TurnsAsync(harness)).Select(t => t.Text));
    }

    [Fact]
    public async Task Ingest_TurnTimeToLive_WordsOfAnEarlierRequestNotCopiedPastTheirOwnExpiry()
    {
        await using var harness = new RunnerHarness(new IngestionOptions { TurnTimeToLive = TimeSpan.FromDays(30) });
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Melanie", "What music do you like?"));
        harness.Clock.Advance(TimeSpan.FromDays(1));
        await IngestAsync(harness, "s1", May8.AddHours(1), ("Caroline", "Jazz."), ("Melanie", "Same!"));

        var turns = TurnContext.InPostedOrder(await TurnsAsync(harness)).ToList();
        Assert.Equal([null, null, "Jazz."], turns.Select(t => t.PrecedingText));
    }

    [Fact]
    public async Task Ingest_SessionSummary_DatedByWhenTheSessionWasHeld()
    {
        await using var harness = new RunnerHarness();
        await harness.StartAsync();

        await IngestAsync(harness, "s1", May8, ("Caroline", "I went to a LGBTQ support group yesterday, it was powerful."), ("Melanie", "Wow, that sounds like a big step for you."));

        var summary = await harness.Store.GetAsync(Partition, MemoryIds.ForSessionSummary(Partition, "s1"));
        Assert.Equal(May8, summary!.ValidFrom);
        Assert.StartsWith("Caroline: ", summary.Text, StringComparison.Ordinal);
    }
}
