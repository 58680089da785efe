using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Testing.Fakes;

namespace MemoryFunctions.Core.Tests.Context;

/// <summary>A block built for its question: what of the standing text it shows, what evidence it brings, and what it leaves out.</summary>
public sealed class ContextBuilderQuestionTests
{
    private static readonly DateTimeOffset Said = new(2023, 5, 8, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_Profile_OnlyTheLinesTheQuestionTouchesAtMostSixAndNotForTheNameAlone()
    {
        var lines = Enumerable.Range(1, 8).Select(i => $"Maya works weekends number {i}")
            .Concat(Enumerable.Range(1, 16).Select(i => $"Maya has pet number {i}"));
        var profile = TestMemories.Create(string.Join('\n', lines), adjust: m => m with { Kind = MemoryKind.Profile });

        var block = ContextBuilder.Build(new ContextEvidence(profile, null, []) { Query = "Where does Maya work?" }, 500, ApproximateTokenCounter.Instance);

        Assert.Equal(6, CountOccurrences(block.Text, "Maya works weekends"));
        Assert.DoesNotContain("pet number", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FactTheProfileStates_StillBringsItsSupportingTurn()
    {
        var profile = TestMemories.Create("Works at Contoso", adjust: m => m with { Kind = MemoryKind.Profile });
        var fact = TestMemories.Create("Works at Contoso");
        var turn = Turn("Maya", "Started at Contoso on Monday as a nurse, night shifts.", Said, "s1");
        var evidence = new ContextEvidence(profile, null, [Ranked(fact)], new Dictionary<string, IReadOnlyList<MemoryRecord>> { [fact.Id] = [turn] }) { Query = "Where does Maya work?" };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Equal(1, CountOccurrences(block.Text, "Works at Contoso"));
        Assert.Contains("night shifts", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryEvidenceLineDated_RelativeDatesShownResolved()
    {
        var turn = Turn("Maya", "We adopted a dog yesterday!", Said, "s1") with { ResolvedDates = "yesterday = 7 May 2023" };
        var fact = TestMemories.Create("Maya adopted a dog on 7 May 2023", at: Said.AddDays(-1));

        var block = ContextBuilder.Build(new ContextEvidence(null, null, [Ranked(fact), Ranked(turn)]) { Query = "When did Maya adopt the dog?" }, 500, ApproximateTokenCounter.Instance);

        Assert.Contains("- [7 May 2023] Maya adopted a dog on 7 May 2023", block.Text, StringComparison.Ordinal);
        Assert.Contains("- [8 May 2023] Maya: We adopted a dog yesterday! (yesterday = 7 May 2023)", block.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("On 8 May", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReplyHit_BringsTheQuestionItAnswers_QuestionHitBringsItsAnswer()
    {
        var session = Enumerable.Range(0, 6).Select(i => Turn(i % 2 == 0 ? "Tom" : "Maya", $"Small talk number {i} about nothing.", Said.AddMinutes(i), "s1")).ToList();
        var asked = Turn("Tom", "What kind of music have you been listening to lately?", Said.AddMinutes(10), "s1");
        var reply = Turn("Maya", "Mostly jazz, with some blues!", Said.AddMinutes(11), "s1") with { PrecedingText = asked.Text };
        var question = Turn("Maya", "What did you think of the film?", Said.AddMinutes(12), "s1");
        var answer = Turn("Tom", "Too long, but the ending was great.", Said.AddMinutes(13), "s1");
        session.AddRange([asked, reply, question, answer]);
        var evidence = new ContextEvidence(null, null, [Ranked(reply, 0.9), Ranked(question, 0.8)]) { Query = "What music does Maya listen to?", SessionTurns = new Dictionary<string, IReadOnlyList<MemoryRecord>> { ["s1"] = session } };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        var text = block.Text.ReplaceLineEndings("\n");
        Assert.Contains("Tom: What kind of music have you been listening to lately?\n- [8 May 2023] Maya: Mostly jazz", text, StringComparison.Ordinal);
        Assert.Contains("Maya: What did you think of the film?\n- [8 May 2023] Tom: Too long", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Small talk", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RankedTurnShownAsANeighbourFirst_CountsAmongTheBlocksMemories()
    {
        var asked = Turn("Tom", "What kind of music have you been listening to lately?", Said.AddMinutes(10), "s1");
        var reply = Turn("Maya", "Mostly jazz, with some blues!", Said.AddMinutes(11), "s1") with { PrecedingText = asked.Text };
        // The session's turns are read on their own: the same memory, another record instance (its vector another array).
        var session = new List<MemoryRecord> { asked with { Embedding = [.. asked.Embedding] }, reply };
        var evidence = new ContextEvidence(null, null, [Ranked(reply, 0.9), Ranked(asked, 0.5)]) { Query = "What music does Maya listen to?", SessionTurns = new Dictionary<string, IReadOnlyList<MemoryRecord>> { ["s1"] = session } };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Contains("What kind of music", block.Text, StringComparison.Ordinal);
        Assert.Contains(block.Memories, memory => memory.Memory.Id == asked.Id);
    }

    [Fact]
    public void Build_HitsClusteredInOneSession_SpreadToOthersWithinTheBudget()
    {
        var ranked = Enumerable.Range(0, 10)
            .Select(i => Ranked(Turn("Maya", $"Lisbon was lovely, day {i} of the trip was the best one yet.", Said.AddMinutes(i), "s1"), 1.0 - (i * 0.01)))
            .Append(Ranked(Turn("Maya", "Back from a weekend in Porto, what a city.", Said.AddDays(30), "s2"), 0.8))
            .ToList();

        var block = ContextBuilder.Build(new ContextEvidence(null, null, ranked) { Query = "Which cities did Maya visit?" }, 120, ApproximateTokenCounter.Instance);

        Assert.Contains("Porto", block.Text, StringComparison.Ordinal);
        Assert.Contains("day 0 of", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HitsOfTheDayTheQuestionNames_NotSpreadAwayFromThatDay()
    {
        var day = Enumerable.Range(0, 6)
            .Select(i => Ranked(Turn("Maya", $"At the museum part {i} of the ancient art.", Said.AddMinutes(i), "s1"), 0.9 - (i * 0.01), named: true))
            .ToList();
        var otherDay = Ranked(Turn("Maya", "Went to the museum cafe with Tom.", Said.AddDays(3), "s2"), 0.5, named: false);

        var block = ContextBuilder.Build(new ContextEvidence(null, null, [.. day, otherDay]) { Query = "On May 8th, what did Maya see at the museum?" }, 150, ApproximateTokenCounter.Instance);

        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"part {i} of", block.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("museum cafe", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LongTurn_ShowsTheSentencesTheQuestionTouchesNotJustItsOpening()
    {
        var filler = string.Concat(Enumerable.Repeat("It is a wonderful way to spend an afternoon with friends and family. ", 12));
        var turn = Turn("AI companion", filler + "For an action film, watch \"The Climbers\", a story of mountaineers. " + filler, Said, "s1");

        var block = ContextBuilder.Build(new ContextEvidence(null, null, [Ranked(turn)]) { Query = "Which action film did you recommend?" }, 500, ApproximateTokenCounter.Instance);

        Assert.Contains("The Climbers", block.Text, StringComparison.Ordinal);
        Assert.Contains("… For an action film", block.Text, StringComparison.Ordinal);
        Assert.True(block.EstimatedTokens <= 500);
    }

    [Fact]
    public void Build_HitTheOtherSpeakerFollowsUpWithAQuestion_BringsTheQuestionAndItsAnswer()
    {
        var hit = Turn("Lucy", "I went to see Jay Chou's concert and it was stunning.", Said, "s1");
        var followUp = Turn("AI companion", "Jay Chou is a talented musician. Which song do you like the most?", Said.AddMinutes(1), "s1");
        var answer = Turn("Lucy", "My favourite is \"Listen to Mom\", the lyrics are beautiful.", Said.AddMinutes(2), "s1");
        var later = Turn("AI companion", "Have you thought about other artists' concerts you would attend?", Said.AddMinutes(3), "s1");
        var evidence = new ContextEvidence(null, null, [Ranked(hit)])
        {
            Query = "Whose concert did I go to, and which of their songs is my favourite?",
            SessionTurns = new Dictionary<string, IReadOnlyList<MemoryRecord>> { ["s1"] = [hit, followUp, answer, later] },
        };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Contains("Listen to Mom", block.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("other artists", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SummaryLineThatCannotFit_CostsNothingNotEvenItsHeader()
    {
        var turn = Turn("Maya", "I ran the marathon in 3:41:10.", Said, "s1");
        var summary = TestMemories.Create(string.Concat(Enumerable.Repeat("Maya talked about the marathon and training plans at length. ", 30)), at: Said, adjust: m => m with { Kind = MemoryKind.Summary, SessionId = "s1" });
        var evidence = new ContextEvidence(null, null, [Ranked(turn)], SessionSummaries: new Dictionary<string, MemoryRecord> { ["s1"] = summary }) { Query = "marathon time" };

        var block = ContextBuilder.Build(evidence, 120, ApproximateTokenCounter.Instance);

        Assert.Contains("3:41:10", block.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("From the summaries", block.Text, StringComparison.Ordinal);
        Assert.True(block.Truncated);
    }

    [Fact]
    public void Build_SummaryLineQuotingAShownTurn_NotShownAgain_OtherLinesOfTheSummaryAre()
    {
        var turn = Turn("Maya", "I passed my driving test the day before yesterday, first try! The examiner was kind.", Said, "s1");
        var summary = TestMemories.Create(
            "Maya: I passed my driving test the day before yesterday, first try!\nTom: The driving school on Elm Street closes in May.",
            at: Said,
            adjust: m => m with { Kind = MemoryKind.Summary, SessionId = "s1" });
        var evidence = new ContextEvidence(null, null, [Ranked(turn)], SessionSummaries: new Dictionary<string, MemoryRecord> { ["s1"] = summary }) { Query = "When did Maya pass the driving test?" };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Equal(1, CountOccurrences(block.Text, "I passed my driving test"));
        Assert.Contains("driving school on Elm Street", block.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Maya: I passed my driving test the day before yest…", false)]
    [InlineData("Maya: i passed  my driving test the day before yesterday, first try", false)]
    [InlineData("Maya: I passed my driving test", true)]
    [InlineData("Maya: I passed my driving test the day before yesterday, first try! The examiner was kind.", true)]
    public void Build_SummaryLine_LeftOutOnlyWhenItIsAShownSentenceOrTheStartOfOneClipped(string line, bool shown)
    {
        var turn = Turn("Maya", "I passed my driving test the day before yesterday, first try! The examiner was kind.", Said, "s1");
        var summary = TestMemories.Create(line, at: Said, adjust: m => m with { Kind = MemoryKind.Summary, SessionId = "s1" });
        var evidence = new ContextEvidence(null, null, [Ranked(turn)], SessionSummaries: new Dictionary<string, MemoryRecord> { ["s1"] = summary }) { Query = "When did Maya pass the driving test?" };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Equal(shown, block.Text.Contains("From the summaries", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SummaryLineOfALongTurnsSentenceTheExcerptLeftOut_StillShown()
    {
        var kept = Enumerable.Range(1, 6).Select(i => $"Marathon training number {i} went well and the plan holds, with long runs and rest days between.");
        var text = string.Join(' ', kept) + " On the weekend I will visit my aunt in the hills near the lake, and we will walk to the old mill and have lunch by the water with her dogs.";
        var turn = Turn("Maya", text, Said, "s1");
        var summary = TestMemories.Create("Maya: On the weekend I will visit my aunt in the hills near the lake, and we will walk to the old mill and have lunch by the water with her dogs.", at: Said, adjust: m => m with { Kind = MemoryKind.Summary, SessionId = "s1" });
        var evidence = new ContextEvidence(null, null, [Ranked(turn)], SessionSummaries: new Dictionary<string, MemoryRecord> { ["s1"] = summary }) { Query = "marathon training plan weekend" };

        var block = ContextBuilder.Build(evidence, 500, ApproximateTokenCounter.Instance);

        Assert.Equal(1, CountOccurrences(block.Text, "visit my aunt"));
        Assert.Contains("From the summaries", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CurrentSession_ItsLatestTurnsHeadTheBlockInPostedOrder()
    {
        var recent = Enumerable.Range(0, 8).Select(i => Turn(i % 2 == 0 ? "Tom" : "Maya", $"Line {i} of today.", Said, "now") with { Ordinal = i }).ToList();

        var block = ContextBuilder.Build(new ContextEvidence(null, null, []) { RecentTurns = recent }, 500, ApproximateTokenCounter.Instance);

        var text = block.Text;
        Assert.DoesNotContain("Line 1 of", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Line 2 of", StringComparison.Ordinal) < text.IndexOf("Line 3 of", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Line 3 of", StringComparison.Ordinal) < text.IndexOf("Line 7 of", StringComparison.Ordinal));
    }

    private static MemoryRecord Turn(string speaker, string text, DateTimeOffset said, string sessionId) =>
        TestMemories.Create(text, at: said, adjust: m => m with
        {
            Id = MemoryIds.ForTurn(TestMemories.Alice, null, sessionId, "m1", said, text),
            Kind = MemoryKind.Turn,
            Speaker = speaker,
            SessionId = sessionId,
        });

    /// <param name="named">Whether the memory is of a time the query names (null: the query names none).</param>
    private static RankedMemory Ranked(MemoryRecord memory, double score = 1, bool? named = null) =>
        new(memory, score, new ScoreExplanation(1, 1, null, null, score, 1, 1, score) { NamedTimes = named is null ? [] : ["8 May 2023"], Time = named == false ? 0.5 : 1 });

    private static int CountOccurrences(string text, string value) => text.Split(value).Length - 1;
}
