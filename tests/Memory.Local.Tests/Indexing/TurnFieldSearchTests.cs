using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Indexing;

/// <summary>The lexical channel over a kept turn's fields: its speaker, its resolved dates and the turn before it.</summary>
public sealed class TurnFieldSearchTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryFilter Now = new() { At = StoreHarness.T0.AddDays(1) };

    [Fact]
    public async Task SearchAsync_QueryNamingASpeaker_NameMatchedInFactsNotInTurnsAddressingThem()
    {
        await using var harness = new StoreHarness();
        var own = await AddAsync(harness, Turn("Sam", "Hoping for tomatoes in the back beds."));
        var addressing = await AddAsync(harness, Turn("Elena", "Sam, how is the garden coming along?"));
        var fact = await AddAsync(harness, StoreHarness.Memory(Alice, "Sam hopes to grow tomatoes"));

        var scores = await LexicalAsync(harness, "What does Sam hope for?");
        var nameOnly = await LexicalAsync(harness, "Sam");

        Assert.False(scores.ContainsKey(addressing.Id), "a turn that only addresses the person is not rewarded for the name");
        Assert.True(scores.ContainsKey(own.Id), "the person's own turn is found by its words");
        Assert.Equal([fact.Id], nameOnly.Keys);
    }

    [Fact]
    public async Task SearchAsync_NameThatNobodySpeaks_MatchesText()
    {
        await using var harness = new StoreHarness();
        var mention = await AddAsync(harness, Turn("Elena", "Tell Nora I said hi!"));
        await AddAsync(harness, Turn("Sam", "Will do."));

        Assert.True((await LexicalAsync(harness, "Nora")).ContainsKey(mention.Id));
    }

    [Fact]
    public async Task SearchAsync_ReplyFoundByTheWordsOfTheTurnItAnswers_BelowTheQuestionItself()
    {
        await using var harness = new StoreHarness();
        var question = await AddAsync(harness, Turn("Elena", "What kind of music have you been listening to lately?"));
        var reply = await AddAsync(harness, Turn("Sam", "Mostly jazz, with some blues!") with { PrecedingText = question.Text });
        await AddAsync(harness, Turn("Elena", "Nice, I love that."));

        var scores = await LexicalAsync(harness, "music listening");

        Assert.True(scores[reply.Id] > 0 && scores[reply.Id] < scores[question.Id], $"reply {scores.GetValueOrDefault(reply.Id)}, question {scores[question.Id]}");
    }

    [Fact]
    public async Task SearchAsync_ResolvedDates_Searchable()
    {
        await using var harness = new StoreHarness();
        var turn = await AddAsync(harness, Turn("Sam", "I ran the marathon yesterday!") with { ResolvedDates = "yesterday = 4 March 2024" });

        Assert.True((await LexicalAsync(harness, "march 2024")).ContainsKey(turn.Id));
    }

    [Fact]
    public async Task SearchAsync_TurnReplacedThenDeleted_LeavesNoSpeakerOrContextPostingsBehind()
    {
        await using var harness = new StoreHarness();
        var turn = await AddAsync(harness, Turn("Sam", "Mostly jazz!") with { PrecedingText = "What music do you like?" });
        await AddAsync(harness, Turn("Elena", "Sam, that is great."));
        var replaced = turn with { PrecedingText = null, Text = "Mostly blues!" };
        await harness.Memories.ReplaceAsync(Alice, replaced, turn.ETag, StoreHarness.Event(replaced, HistoryOperation.Update, StoreHarness.T0));

        Assert.False((await LexicalAsync(harness, "music")).ContainsKey(turn.Id));
        await harness.Memories.DeleteAsync(Alice, turn.Id, null, StoreHarness.Event(replaced, HistoryOperation.Delete, StoreHarness.T0));

        // With Sam's only turn gone, "Sam" is nobody's name in the index any more: it matches the text that says it.
        Assert.Single(await LexicalAsync(harness, "sam"));
    }

    private static MemoryRecord Turn(string speaker, string text) =>
        StoreHarness.Memory(Alice, text) with { Id = MemoryIds.ForTurn(Alice, null, "s1", speaker + text, StoreHarness.T0, text), Kind = MemoryKind.Turn, Speaker = speaker };

    private static async Task<MemoryRecord> AddAsync(StoreHarness harness, MemoryRecord memory) =>
        (await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory))).Memory!;

    private static async Task<Dictionary<string, double>> LexicalAsync(StoreHarness harness, string query) =>
        (await harness.Memories.SearchAsync(Alice, new MemorySearchQuery([0f, 0f, 0f, 0f], query, Now, 10)))
            .Where(c => c.LexicalScore is > 0)
            .ToDictionary(c => c.Memory.Id, c => c.LexicalScore!.Value);
}
