using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Tests.Search;

public sealed class TextReadingTests
{
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
    public void Times_TheDatesTheTextSays()
    {
        Assert.Equal(["3 March 2023"], TextReading.Of("yesterday = 3 March 2023").Times.Select(time => time.ToString()));
    }
}
