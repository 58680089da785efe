using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class HybridRankerTests
{
    private readonly FakeTimeProvider _clock = new(TestMemories.Start);

    [Fact]
    public void Rank_ScoreFusionFirstInBothChannels_ScoresOneBeforeRecencyAndImportance()
    {
        var memory = TestMemories.Create("Prefers Python", adjust: m => m with { Importance = 1 });
        var ranker = CreateRanker(new RankingOptions { Fusion = FusionMethod.Score });

        var result = Assert.Single(ranker.Rank([new SearchCandidate(memory, 0.9, 1, 3.2, 1)], topK: 5, minScore: 0));

        Assert.Equal(1.0, result.Explanation.Fusion, precision: 9);
        Assert.Equal(1.0, result.Explanation.Recency, precision: 9);
        Assert.Equal(1.0, result.Score, precision: 9);
    }

    [Fact]
    public void Rank_Standardized_ExplainShowsEveryComponent()
    {
        var strong = TestMemories.Create("I play bass guitar in a jazz band");
        var weak = TestMemories.Create("Cool! What did it look like?");
        var other = TestMemories.Create("Work has been a blur lately");
        var ranker = CreateRanker(new RankingOptions { RecencyWeight = 0, ImportanceWeight = 0 });

        var ranked = ranker.Rank(
            [new SearchCandidate(strong, 0.6, 1, 5.0, 1, 6.0), new SearchCandidate(weak, 0.3, 2, null, null, 6.0), new SearchCandidate(other, 0.2, 3, 1.0, 2, 6.0)],
            topK: 5,
            minScore: 0);

        var explanation = ranked[0].Explanation;
        Assert.Equal(strong.Id, ranked[0].Memory.Id);
        Assert.Equal((FusionMethod.Standardized, 0.6, 5.0, 6.0), (explanation.Method, explanation.VectorSimilarity!.Value, explanation.LexicalScore!.Value, explanation.LexicalMaximum!.Value));
        Assert.Equal((1.0, 1.0), (explanation.VectorWeight, explanation.LexicalWeight));
        Assert.InRange(explanation.VectorNormalized, 0.5, 1);
        Assert.InRange(explanation.LexicalNormalized, 0.5, 1);
        Assert.Equal(Math.Max(explanation.VectorNormalized, explanation.LexicalNormalized), explanation.Fusion, precision: 12);
        Assert.Equal(explanation.Fusion, ranked[0].Score, precision: 12);
        Assert.Equal(0, ranked.Single(r => r.Memory.Id == weak.Id).Explanation.LexicalNormalized);
    }

    [Fact]
    public void Rank_ScoreFusionFoundByBothChannels_BeatsFoundByOne()
    {
        var both = TestMemories.Create("Prefers Python over JavaScript");
        var vectorOnly = TestMemories.Create("Enjoys coding in Rust");
        var ranker = CreateRanker(new RankingOptions { Fusion = FusionMethod.Score });

        var ranked = ranker.Rank(
            [new SearchCandidate(vectorOnly, 0.95, 1, null, null), new SearchCandidate(both, 0.90, 2, 2.0, 1)],
            topK: 5,
            minScore: 0);

        Assert.Equal([both.Id, vectorOnly.Id], ranked.Select(r => r.Memory.Id));
    }

    [Fact]
    public void Rank_OlderMemory_DecaysByHalfLife()
    {
        var old = TestMemories.Create("Lived in Paris", at: TestMemories.Start.AddDays(-30));
        var ranker = CreateRanker(new RankingOptions { RecencyWeight = 1, RecencyHalfLife = TimeSpan.FromDays(30), ImportanceWeight = 0 });

        var result = Assert.Single(ranker.Rank([new SearchCandidate(old, 0.5, 1, null, null)], topK: 5, minScore: 0));

        Assert.Equal(0.5, result.Explanation.Recency, precision: 9);
    }

    [Fact]
    public void Rank_LowImportance_PulledDownByWeight()
    {
        var trivial = TestMemories.Create("Said hello", adjust: m => m with { Importance = 0 });
        var ranker = CreateRanker(new RankingOptions { ImportanceWeight = 0.2, RecencyWeight = 0 });

        var result = Assert.Single(ranker.Rank([new SearchCandidate(trivial, 0.5, 1, null, null)], topK: 5, minScore: 0));

        Assert.Equal(0.8, result.Explanation.Importance, precision: 9);
    }

    [Fact]
    public void Rank_MinScoreAndTopK_AreApplied()
    {
        var candidates = Enumerable.Range(1, 10)
            .Select(i => new SearchCandidate(TestMemories.Create($"Fact number {i}"), 1.0 / i, i, null, null))
            .ToList();
        var ranker = CreateRanker(new RankingOptions { RecencyWeight = 0, ImportanceWeight = 0 });

        var top3 = ranker.Rank(candidates, topK: 3, minScore: 0);
        var aboveHalf = ranker.Rank(candidates, topK: 10, minScore: 0.49);

        Assert.Equal(3, top3.Count);
        Assert.All(aboveHalf, r => Assert.True(r.Score >= 0.49));
        Assert.True(aboveHalf.Count < 10);
    }

    [Fact]
    public void Rank_EqualScores_OrderedByIdForStableResults()
    {
        var a = TestMemories.Create("Alpha");
        var b = TestMemories.Create("Beta");
        var ranker = CreateRanker(new RankingOptions());

        var first = ranker.Rank([new SearchCandidate(a, null, 1, null, null), new SearchCandidate(b, null, null, 1.0, 1)], 5, 0);
        var second = ranker.Rank([new SearchCandidate(b, null, null, 1.0, 1), new SearchCandidate(a, null, 1, null, null)], 5, 0);

        Assert.Equal(first.Select(r => r.Memory.Id), second.Select(r => r.Memory.Id));
    }

    [Theory]
    [InlineData(FusionMethod.Score, 1.0)]
    [InlineData(FusionMethod.ReciprocalRank, 1.0)]
    [InlineData(FusionMethod.Standardized, 0.5)]
    public void Rank_LoneCandidateFirstInBothChannels_SummingFusionScoresOneStandardizedHalf(FusionMethod fusion, double expected)
    {
        // A lone candidate stands out from nothing: its standard score is 0, and the logistic of 0 is ½.
        var memory = TestMemories.Create("Prefers Python", adjust: m => m with { Importance = 1 });
        var ranker = CreateRanker(new RankingOptions { Fusion = fusion, VectorWeight = 3, LexicalWeight = 1 });

        var result = Assert.Single(ranker.Rank([new SearchCandidate(memory, 0.4, 1, 7.5, 1)], topK: 5, minScore: 0));

        Assert.Equal(expected, result.Explanation.Fusion, precision: 9);
    }

    [Fact]
    public void Rank_ScoreFusion_ClearLexicalMatchBeatsSlightlyCloserChitChat()
    {
        // The failure of equal-weight rank fusion: short chit-chat tops the vector channel by a hair and ties the answer.
        var chitChat = TestMemories.Create("Cool! What did it look like?");
        var answer = TestMemories.Create("I play bass guitar in a jazz band");
        var ranker = CreateRanker(new RankingOptions { Fusion = FusionMethod.Score, VectorWeight = 2, RecencyWeight = 0, ImportanceWeight = 0 });

        var ranked = ranker.Rank(
            [new SearchCandidate(chitChat, 0.52, 1, null, null), new SearchCandidate(answer, 0.50, 2, 6.1, 1)],
            topK: 5,
            minScore: 0);

        Assert.Equal([answer.Id, chitChat.Id], ranked.Select(r => r.Memory.Id));
    }

    [Fact]
    public void Rank_ScoreFusion_ZeroLexicalWeightOrdersByCosineAlone()
    {
        var close = TestMemories.Create("Works as a nurse");
        var wordy = TestMemories.Create("The user's job question");
        var ranker = CreateRanker(new RankingOptions { Fusion = FusionMethod.Score, LexicalWeight = 0, RecencyWeight = 0, ImportanceWeight = 0 });

        var ranked = ranker.Rank(
            [new SearchCandidate(wordy, 0.2, 2, 9.0, 1), new SearchCandidate(close, 0.6, 1, null, null)],
            topK: 5,
            minScore: 0);

        Assert.Equal([close.Id, wordy.Id], ranked.Select(r => r.Memory.Id));
        Assert.Equal(1.0, ranked[0].Explanation.Fusion, precision: 9);
    }

    [Fact]
    public void Rank_AbsoluteScore_LexicalRelativeToQueryMaximumNotBestHit()
    {
        // The best hit matched a quarter of what the query could match: it is a weak match, not a perfect one.
        var partial = TestMemories.Create("Work has been a blur lately");
        var ranker = CreateRanker(new RankingOptions { Fusion = FusionMethod.AbsoluteScore, RecencyWeight = 0, ImportanceWeight = 0 });

        var result = Assert.Single(ranker.Rank([new SearchCandidate(partial, 0.5, 1, 2.0, 1, 8.0)], topK: 5, minScore: 0));

        Assert.Equal((0.5, 0.25), (result.Explanation.VectorNormalized, result.Explanation.LexicalNormalized));
        Assert.Equal((0.5 * 0.5) + (0.5 * 0.25), result.Explanation.Fusion, precision: 12);
    }

    [Fact]
    public void Rank_Standardized_CommonWordMatchedEverywhereCannotOutvoteAClearVectorWinner()
    {
        // Every candidate matches the one common query word about equally; the vector channel has one clear winner.
        var answer = TestMemories.Create("I'm joining Sunfield Farms as a vet");
        var chitChat = Enumerable.Range(0, 8).Select(i => TestMemories.Create($"Work has been a blur, week {i}")).ToList();
        var ranker = CreateRanker(new RankingOptions { RecencyWeight = 0, ImportanceWeight = 0 });
        var candidates = chitChat
            .Select((memory, i) => new SearchCandidate(memory, 0.30 - (i * 0.01), i + 2, 2.0 + (i * 0.01), 8 - i))
            .Prepend(new SearchCandidate(answer, 0.70, 1, null, null))
            .ToList();

        var ranked = ranker.Rank(candidates, topK: 3, minScore: 0);

        Assert.Equal(answer.Id, ranked[0].Memory.Id);
    }

    [Theory]
    [InlineData(FusionMethod.Standardized)]
    [InlineData(FusionMethod.Score)]
    [InlineData(FusionMethod.AbsoluteScore)]
    public void Rank_LexicalChannelRanksWithoutScores_FusedByRankSoTheLexicalMatchMovesUp(FusionMethod configured)
    {
        // Cosmos DB's full-text channel: ranks, no FullTextScore. Scored as 0 it would leave the vector order untouched.
        var closer = TestMemories.Create("Likes coffee");
        var matched = TestMemories.Create("Likes green tea");
        var ranker = CreateRanker(new RankingOptions { Fusion = configured, RecencyWeight = 0, ImportanceWeight = 0 });

        var ranked = ranker.Rank(
            [new SearchCandidate(closer, 0.99, 1, null, null), new SearchCandidate(matched, 0.97, 2, null, 1)],
            topK: 5,
            minScore: 0);

        Assert.Equal([matched.Id, closer.Id], ranked.Select(r => r.Memory.Id));
        Assert.All(ranked, r => Assert.Equal(FusionMethod.ReciprocalRank, r.Explanation.Method));
        Assert.Equal(1.0, ranked[0].Explanation.LexicalNormalized, precision: 12);
    }

    [Fact]
    public void Rank_BothChannelsScored_KeepsTheConfiguredFusion()
    {
        var memory = TestMemories.Create("Likes green tea");
        var ranker = CreateRanker(new RankingOptions());

        var result = Assert.Single(ranker.Rank([new SearchCandidate(memory, 0.9, 1, 2.5, 1)], topK: 5, minScore: 0));

        Assert.Equal(FusionMethod.Standardized, result.Explanation.Method);
    }

    [Theory]
    [InlineData(FusionMethod.Standardized)]
    [InlineData(FusionMethod.Score)]
    [InlineData(FusionMethod.AbsoluteScore)]
    [InlineData(FusionMethod.ReciprocalRank)]
    public void Rank_NoCandidates_ReturnsNothing(FusionMethod fusion)
    {
        Assert.Empty(CreateRanker(new RankingOptions { Fusion = fusion }).Rank([], topK: 5, minScore: 0));
    }

    [Theory]
    [InlineData("Elena")]
    [InlineData(null)]
    public void Rank_TurnSpeakingToTheNamedPerson_ItsVectorSimilarityDoesNotCount(string? otherSpeaker)
    {
        // The embedding of "Sam, that is brilliant!" is drawn to the name the question names; Sam's own words are the evidence.
        var sams = TestMemories.Create("Quick trip to Porto for a wedding.", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = otherSpeaker is null ? null : "Sam" });
        var toSam = TestMemories.Create("Sam, that is brilliant, well done.", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = otherSpeaker });
        var filler = TestMemories.Create("The weather has been grey all week.", adjust: m => m with { Kind = MemoryKind.Turn, Speaker = otherSpeaker });
        var candidates = new[] { new SearchCandidate(toSam, 0.8, 1, null, null), new SearchCandidate(sams, 0.45, 2, null, null), new SearchCandidate(filler, 0.1, 3, null, null) };
        var focus = QueryFocus.Of("Which cities did Sam travel to?", candidates, TestMemories.Start);

        var ranked = CreateRanker(new RankingOptions()).Rank(candidates, topK: 5, minScore: 0, focus);

        Assert.Equal(sams.Id, ranked[0].Memory.Id);
        var addressed = Assert.Single(ranked, r => r.Memory.Id == toSam.Id).Explanation;
        Assert.Equal((0.8, 0.0, 0.5), (addressed.VectorSimilarity!.Value, addressed.VectorNormalized, addressed.Speaker));
        Assert.Equal(["Sam"], addressed.NamedSpeakers);
    }

    [Fact]
    public void Rank_OneOfEachText_TheSameSpeakersRepeatCountsOnceAtItsBestRank()
    {
        static MemoryRecord Turn(string id, string speaker, string text) =>
            TestMemories.Create(text, adjust: m => m with { Id = id, Kind = MemoryKind.Turn, Speaker = speaker });
        var candidates = new[]
        {
            new SearchCandidate(Turn("t1", "Maya", "Haha, same here honestly."), 0.8, 1, null, null),
            new SearchCandidate(Turn("t2", "Maya", "haha, same here honestly"), 0.7, 2, null, null),
            new SearchCandidate(Turn("t3", "Tom", "Haha, same here honestly."), 0.6, 3, null, null),
            new SearchCandidate(Turn("t4", "Maya", "We bought a car, a used Skoda Octavia."), 0.5, 4, null, null),
        };
        var ranker = CreateRanker(new RankingOptions { RecencyWeight = 0, ImportanceWeight = 0 });

        var every = ranker.Rank(candidates, topK: 3, minScore: 0);
        var once = ranker.Rank(candidates, topK: 3, minScore: 0, oneOfEachText: true);

        Assert.Equal(["t1", "t2", "t3"], every.Select(r => r.Memory.Id));
        Assert.Equal(["t1", "t3", "t4"], once.Select(r => r.Memory.Id));
    }

    private HybridRanker CreateRanker(RankingOptions options) => new(Options.Create(options), _clock);
}
