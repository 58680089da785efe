using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Local.Ingestion;

namespace MemoryFunctions.Local.Tests.Ingestion;

public sealed class RuleBasedFactExtractorTests
{
    // A Wednesday: next Friday is 2026-11-06, yesterday 2026-11-03, last week 2026-10-28.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly RuleBasedFactExtractor _extractor = new();

    public static TheoryData<string, string[]> Statements => new()
    {
        { "I'm a nurse.", ["Is a nurse"] },
        { "I live in Oslo.", ["Lives in Oslo"] },
        { "My name is Sam Carter.", ["Is named Sam Carter"] },
        { "I prefer Python over JavaScript.", ["Prefers Python over JavaScript"] },
        { "I always prefer window seats.", ["Prefers window seats"] },
        { "I usually work at Contoso.", ["Works at Contoso"] },
        { "I love hiking and I hate running.", ["Loves hiking", "Hates running"] },
        { "Honestly, I don't like olives.", ["Dislikes olives"] },
        { "I'm going to visit Paris next Friday.", ["Plans to visit Paris on 6 November 2026"] },
        { "My sister Anna lives in Berlin.", ["Has a sister named Anna", "Sister Anna lives in Berlin"] },
        { "My wife is a doctor.", ["Wife is a doctor"] },
        { "I work at Contoso.", ["Works at Contoso"] },
        { "I joined Fabrikam last week.", ["Works at Fabrikam since around 28 October 2026"] },
        { "I'm vegetarian.", ["Is vegetarian"] },
        { "I no longer eat meat.", ["No longer eats meat"] },
        { "I adopted a dog yesterday.", ["Adopted a dog on 3 November 2026"] },
        { "I'm flying to Tokyo tomorrow.", ["Is flying to Tokyo on 5 November 2026"] },
        { "I will start my new job in two weeks.", ["Plans to start their new job around 18 November 2026"] },
        { "Hello there, I'm a software engineer and I live in Seattle.", ["Is a software engineer", "Lives in Seattle"] },
        { "I'm allergic to peanuts.", ["Is allergic to peanuts"] },
        { "I have two kids.", ["Has two kids"] },
        { "Please always answer in French.", ["Wants the assistant to always answer in French"] },
        { "My wife Maria loves jazz.", ["Is married to Maria", "Wife Maria loves jazz"] },
        { "I have a dog named Rex.", ["Has a dog named Rex"] },
        { "I'm originally from Spain but I moved to Bergen last month.", ["Is from Spain", "Lives in Bergen since October 2026"] },
        { "My favorite color is blue.", ["Favorite color is blue"] },
        { "I'm 34 years old.", ["Is 34 years old"] },
        { "I'm a big fan of jazz.", ["Enjoys jazz"] },
        { "I left Contoso in September.", ["No longer works at Contoso"] },
        { "I'm not vegetarian anymore.", ["Is no longer vegetarian"] },
        { "I want to learn Spanish.", ["Wants to learn Spanish"] },
        { "I'd like to know more about Rome.", [] },
        { "Hi! How are you?", [] },
        { "Can you recommend a restaurant in Oslo?", [] },
        { "What's the weather like tomorrow?", [] },
        { "Thanks, that's great.", [] },
        { "I love it!", [] },
        { "I'm a bit tired today.", [] },
        { "I'll think about it.", [] },
        { "Do you know where I work", [] },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task ExtractAsync_UserTurn_ExpectedStatements(string turn, string[] expected)
    {
        var result = await _extractor.ExtractAsync(Request(new ConversationMessage("m1", MessageRole.User, turn, Wednesday)));

        Assert.Equal(expected, result.Facts.Select(fact => fact.Text));
        Assert.All(result.Facts, fact => Assert.Equal(["m1"], fact.SourceMessageIds));
    }

    [Fact]
    public async Task ExtractAsync_AssistantAndSystemTurns_NeverMined()
    {
        var result = await _extractor.ExtractAsync(Request(
            new ConversationMessage("a1", MessageRole.Assistant, "I work at Contoso and I live in Oslo.", Wednesday),
            new ConversationMessage("s1", MessageRole.System, "I'm a helpful assistant. I love helping.", Wednesday)));

        Assert.Empty(result.Facts);
    }

    [Fact]
    public async Task ExtractAsync_Employment_SlotKindAndConfidence()
    {
        var fact = Assert.Single((await _extractor.ExtractAsync(Request(new ConversationMessage("m1", MessageRole.User, "I work at Contoso", Wednesday)))).Facts);

        Assert.Equal(("employer", MemoryKind.Fact, false), (fact.Slot, fact.Kind, fact.IsRetraction));
        Assert.InRange(fact.Confidence, 0.5, 1.0);
        Assert.InRange(fact.Importance, 0.5, 1.0);
        Assert.Equal(Wednesday, fact.ValidFrom);
    }

    [Fact]
    public async Task ExtractAsync_JoinedLastWeek_ValidFromResolvedFromTimestamp()
    {
        var fact = Assert.Single((await _extractor.ExtractAsync(Request(new ConversationMessage("m1", MessageRole.User, "I joined Fabrikam last week.", Wednesday)))).Facts);

        Assert.Equal("employer", fact.Slot);
        Assert.Equal(new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.Zero), fact.ValidFrom);
    }

    [Fact]
    public async Task ExtractAsync_NoLongerEatMeat_RetractionWithDietSlot()
    {
        var fact = Assert.Single((await _extractor.ExtractAsync(Request(new ConversationMessage("m1", MessageRole.User, "I don't eat meat anymore.", Wednesday)))).Facts);

        Assert.True(fact.IsRetraction);
        Assert.Equal("diet:meat", fact.Slot);
        Assert.Equal("No longer eats meat", fact.Text);
    }

    [Fact]
    public async Task ExtractAsync_PlanAndPreference_KindsAndSlots()
    {
        var facts = (await _extractor.ExtractAsync(Request(new ConversationMessage("m1", MessageRole.User, "I love steak. I'm planning to run a marathon next year.", Wednesday)))).Facts;

        Assert.Equal((MemoryKind.Preference, "likes:steak"), (facts[0].Kind, facts[0].Slot));
        Assert.Equal(MemoryKind.Episodic, facts[1].Kind);
        Assert.Equal(Wednesday, facts[1].ValidFrom);
        Assert.Equal("Plans to run a marathon in 2027", facts[1].Text);
    }

    [Fact]
    public async Task ExtractAsync_SameStatementInTwoTurns_OneFactWithBothMessages()
    {
        var result = await _extractor.ExtractAsync(Request(
            new ConversationMessage("m1", MessageRole.User, "I live in Oslo.", Wednesday),
            new ConversationMessage("m2", MessageRole.User, "Like I said, I live in Oslo!", Wednesday)));

        var fact = Assert.Single(result.Facts);
        Assert.Equal(["m1", "m2"], fact.SourceMessageIds);
    }

    private static IngestionRequest Request(params ConversationMessage[] messages) => new(messages);
}
