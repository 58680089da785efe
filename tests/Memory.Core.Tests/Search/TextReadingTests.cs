using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class TextReadingTests
{
    private static readonly DateTimeOffset Said = new(2023, 5, 8, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_SameTextInstance_ReadsItOnce()
    {
        var text = string.Concat("Elena, is the course ", "still on?");

        Assert.Same(TextReading.Of(text), TextReading.Of(text));
        Assert.Same(TextReading.Of(text).Addressed, TextReading.Of(text).Addressed);
    }

    [Theory]
    [InlineData("Elena, is the course still two evenings a week?", new[] { "Elena" })]
    [InlineData("Proud of you for doing that course, Elena!", new[] { "Elena" })]
    [InlineData("Elena, I finally signed up for the welding course.", new string[0])]
    [InlineData("I signed up for welding. Elena, are you still on the course?", new[] { "Elena" })]
    [InlineData("Tom, I went for a long walk by the river. Did you see the game?", new string[0])]
    [InlineData("Not much going on, just work and laundry.", new string[0])]
    public void AskedAfter_NamesAddressedBySentencesThatAskOrSpeakToYou(string text, string[] expected)
    {
        Assert.Equal(expected, TextReading.Of(text).AskedAfter.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Speaker_SameTurnRankedForTwoQueries_EachReadOnItsOwnTerms()
    {
        // The reading is kept per text; what it means depends on the query: about Elena for a question about Elena's
        // course (someone else's words speaking to her), about someone else for a question about Sam's.
        var turn = Turn("Sam", "Elena, is the course still two evenings a week?");
        var elena = Turn("Elena", "I enrolled in welding.");

        var aboutSam = QueryFocus.Of("What course did Sam enrol in?", [Candidate(turn), Candidate(elena)], Said);
        var aboutElena = QueryFocus.Of("What course did Elena enrol in?", [Candidate(turn), Candidate(elena)], Said);

        Assert.Equal(new SpeakerReading(false, 0.7), Rounded(aboutSam.Speaker(turn, 0.3)));
        Assert.Equal(new SpeakerReading(true, 0.7), Rounded(aboutElena.Speaker(turn, 0.3)));
        Assert.Equal(new SpeakerReading(false, 0.7), Rounded(aboutSam.Speaker(turn, 0.3)));
    }

    [Fact]
    public void Times_TheDatesTheTextSays()
    {
        Assert.Equal(["3 March 2023"], TextReading.Of("yesterday = 3 March 2023").Times.Select(time => time.ToString()));
    }

    private static SpeakerReading Rounded(SpeakerReading reading) => reading with { Factor = Math.Round(reading.Factor, 6) };

    private static MemoryRecord Turn(string speaker, string text) =>
        TestMemories.Create(text, at: Said, adjust: m => m with { Kind = MemoryKind.Turn, Speaker = speaker, Id = "trn_" + speaker + text.Length });

    private static SearchCandidate Candidate(MemoryRecord memory) => new(memory, 0.5, 1, null, null);
}
