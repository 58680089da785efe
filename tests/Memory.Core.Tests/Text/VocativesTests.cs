using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Tests.Text;

public sealed class VocativesTests
{
    [Theory]
    [InlineData("Sam, how is the garden coming along?")]
    [InlineData("Thanks, Sam!")]
    [InlineData("Wow Sam, that is a lot of tomatoes.")]
    [InlineData("Love the garden photos, Sam!")]
    [InlineData("Any news from the garden, Sam? I hope it survived the storm.")]
    [InlineData("Great. Sam! Did you see this?")]
    [InlineData("Hey Sam")]
    [InlineData("I think, Sam, you should plant them now.")]
    [InlineData("Well done, Sam.")]
    [InlineData("  Sam?")]
    public void Addressed_TextSpeakingToSam_NamesSam(string text) =>
        Assert.Contains("Sam", Vocatives.Addressed(text));

    [Theory]
    [InlineData("I met Sam yesterday.")]
    [InlineData("Sam and I planted tomatoes.")]
    [InlineData("The plan for the back beds is simple: tomatoes.")]
    [InlineData("sam, lower-case is no name here")]
    [InlineData("Samantha, hi!")]
    [InlineData("Sam's garden is huge, honestly.")]
    [InlineData("Thank goodness Sam was there.")]
    public void Addressed_TextNotSpeakingToSam_DoesNotNameSam(string text) =>
        Assert.DoesNotContain("Sam", Vocatives.Addressed(text));

    [Fact]
    public void Addressed_LongTextOfSpacesAndCommas_LinearAndEmpty()
    {
        var text = string.Concat(Enumerable.Repeat(", \t  ", 400_000)) + "end";

        Assert.Empty(Vocatives.Addressed(text));
    }

    [Fact]
    public void CapitalisedWords_Question_KeepsNamesNotStopWords() =>
        Assert.Equal(["Maya", "Tom"], Vocatives.CapitalisedWords("Which book did Maya recommend to Tom? What about Tom?"));
}
