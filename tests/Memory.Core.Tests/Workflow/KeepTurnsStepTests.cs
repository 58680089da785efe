using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>
/// A request's turns are recorded in posted order from the time the request was accepted, whenever and wherever the step
/// runs: a retry on a host whose clock is behind must not list the turns it writes below those an earlier attempt wrote.
/// </summary>
public sealed class KeepTurnsStepTests
{
    private static readonly MemoryPartition Partition = StepsHarness.Partition;

    private static readonly DateTimeOffset Said = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_RetryWithAnEarlierClock_ListsTheRequestsTurnsLastPostedFirst()
    {
        var harness = new StepsHarness();
        var accepted = harness.Clock.GetUtcNow();
        await harness.QueueOperationAsync("op_1", Request("s1", "first", "second", "third"));
        var writes = 0;
        harness.Store.OnWrite = _ =>
        {
            if (++writes == 2)
            {
                throw new IOException("store unavailable");
            }
        };

        // The first attempt runs on a host 10 s ahead and fails after one turn; the retry runs on one only 5 s ahead.
        harness.Clock.SetUtcNow(accepted.AddSeconds(10));
        await Assert.ThrowsAsync<IOException>(() => RunAsync(harness, "op_1"));
        harness.Clock.SetUtcNow(accepted.AddSeconds(5));
        var retry = await RunAsync(harness, "op_1");

        var listed = await TurnsAsync(harness);
        Assert.Equal(2, retry.Kept);
        Assert.Equal(["third", "second", "first"], listed.Select(turn => turn.Text));
        Assert.Equal([2, 1, 0], listed.Select(turn => turn.CreatedAt.UtcTicks - accepted.UtcTicks));
    }

    [Fact]
    public async Task RunAsync_TurnsStampedWhenAcceptedRetriedOnALaggingHost_ReadInPostedOrderWithOneExpiry()
    {
        var harness = new StepsHarness(new IngestionOptions { TurnTimeToLive = TimeSpan.FromDays(1) });
        var accepted = harness.Clock.GetUtcNow();
        // Turns without a timestamp of their own are stamped with the time the accepting host received them.
        string[] texts = ["first", "second", "third"];
        var request = new IngestionRequest([.. texts.Select((text, i) => new ConversationMessage($"m{i}", MessageRole.User, text, accepted))], SessionId: "s1");
        await harness.QueueOperationAsync("op_1", request);
        var writes = 0;
        harness.Store.OnWrite = _ =>
        {
            if (++writes == 2)
            {
                throw new IOException("store unavailable");
            }
        };

        // The first attempt's writes go together: one is written, one fails, and the retry runs on a host 5 s behind.
        await Assert.ThrowsAsync<IOException>(() => RunAsync(harness, "op_1"));
        harness.Clock.SetUtcNow(accepted.AddSeconds(-5));
        await RunAsync(harness, "op_1");

        var turns = TurnContext.InPostedOrder(await TurnsAsync(harness, accepted.AddMinutes(1))).ToList();
        Assert.Equal(texts, turns.Select(turn => turn.Text));
        Assert.All(turns, turn => Assert.Equal(accepted, turn.ValidFrom));
        Assert.Equal([.. turns.Select(turn => turn.CreatedAt + TimeSpan.FromDays(1))], turns.Select(turn => turn.ExpiresAt!.Value));
    }

    [Fact]
    public async Task RunAsync_KeptTurn_HistoryAddedWhenTheTurnWasRecorded()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1", Request("s1", "first", "second"));
        harness.Clock.Advance(TimeSpan.FromSeconds(3));

        await RunAsync(harness, "op_1");

        foreach (var turn in await TurnsAsync(harness))
        {
            var added = Assert.Single(await harness.Store.GetHistoryAsync(Partition, turn.Id));
            Assert.Equal((HistoryOperation.Add, turn.CreatedAt), (added.Operation, added.At));
        }
    }

    [Fact]
    public async Task RunAsync_RequestAcceptedEarlierRunsLater_ListedBeforeAndCopiesNothingOfTheLaterRequest()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_early", Request("s1", "Where did you go?"));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.QueueOperationAsync("op_late", Request("s1", "Lisbon, for the food."));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        await RunAsync(harness, "op_late");
        await RunAsync(harness, "op_early");

        var listed = await TurnsAsync(harness);
        Assert.Equal(["Lisbon, for the food.", "Where did you go?"], listed.Select(turn => turn.Text));
        Assert.All(listed, turn => Assert.Null(turn.PrecedingText));
    }

    [Fact]
    public async Task RunAsync_TwoRequestsRunAtOneMoment_ListedAsAcceptedAndTheLaterCopiesTheLastTurnBefore()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1", Request("s1", "Where did you go?", "Lisbon."));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.QueueOperationAsync("op_2", Request("s1", "For the food?"));
        await RunAsync(harness, "op_1");
        await RunAsync(harness, "op_2");

        var listed = await TurnsAsync(harness);

        Assert.Equal([("For the food?", "Lisbon."), ("Lisbon.", "Where did you go?"), ("Where did you go?", null)], listed.Select(turn => (turn.Text, turn.PrecedingText)));
    }

    [Fact]
    public async Task RunAsync_RequestOfMoreTurnsThanAreWrittenTogether_KeepsEveryTurnInPostedOrder()
    {
        var harness = new StepsHarness();
        var texts = Enumerable.Range(1, 40).Select(i => $"Turn number {i} of a long session.").ToArray();
        await harness.QueueOperationAsync("op_1", Request("s1", texts));

        var output = await RunAsync(harness, "op_1");
        var rerun = await RunAsync(harness, "op_1");

        var listed = await TurnsAsync(harness);
        Assert.Equal((40, 0), (output.Kept, rerun.Kept));
        Assert.Equal(texts.Reverse(), listed.Select(turn => turn.Text));
        Assert.Equal([null, .. texts[..^1]], listed.Reverse().Select(turn => turn.PrecedingText));
    }

    [Fact]
    public async Task RunAsync_UserErasedDuringTheWrites_WritesNoMoreTurns()
    {
        var harness = new StepsHarness();
        await harness.QueueOperationAsync("op_1", Request("s1", [.. Enumerable.Range(1, 40).Select(i => $"Turn {i}.")]));
        var writes = 0;
        harness.Store.OnWrite = _ =>
        {
            if (++writes == 17)
            {
                harness.Store.EraseAsync(Partition).GetAwaiter().GetResult();
            }
        };

        var output = await RunAsync(harness, "op_1");

        // The first 16 were written before the erase (and went with it); the writes under way when it came were refused, and none followed.
        Assert.Equal((16, 32), (output.Kept, writes));
        Assert.Empty(await TurnsAsync(harness));
    }

    private static IngestionRequest Request(string sessionId, params string[] turns) =>
        new([.. turns.Select((text, i) => new ConversationMessage($"m{i}", i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, text, Said))], SessionId: sessionId);

    private static Task<KeepTurnsOutput> RunAsync(StepsHarness harness, string operationId) =>
        harness.Step<KeepTurnsStep>().RunAsync(new KeepTurnsInput(operationId, Partition, 0));

    private static async Task<IReadOnlyList<MemoryRecord>> TurnsAsync(StepsHarness harness, DateTimeOffset? at = null) =>
        (await harness.Store.ListAsync(Partition, new MemoryFilter { At = at ?? harness.Clock.GetUtcNow(), Kinds = [MemoryKind.Turn] }, 50, null)).Items;
}
