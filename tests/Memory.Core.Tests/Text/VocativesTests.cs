using FsCheck;
using FsCheck.Fluent;
using MemoryFunctions.Core.Text;
using Microsoft.FSharp.Core;

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

    [Theory]
    [InlineData("I love it\nSam, how are you?")]
    [InlineData("Thanks, Sam\nHow was the trip")]
    [InlineData("Hi\nSam")]
    public void Addressed_LineBreak_StartsASentence(string text) =>
        Assert.Contains("Sam", Vocatives.Addressed(text));

    /// <summary>Search reads a whole turn before its sentences (QueryFocus): a name one sentence addresses, the whole text addresses.</summary>
    [Fact]
    public void Addressed_WholeText_NamesEveryNameItsSentencesName()
    {
        string[] pieces = ["Sam", "Tom", "hi", "thanks", "thank", "you", "well", "done", "the", "garden", ",", "!", "?", ".", "\n", " "];
        var texts = Gen.ArrayOf(Gen.Elements(pieces)).Select(words => string.Join(' ', words).Replace(" \n ", "\n", StringComparison.Ordinal));
        var config = Config.QuickThrowOnFailure.WithMaxTest(500).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261207, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Prop.ForAll(Arb.From(texts), text => Sentences.Split(text).SelectMany(Vocatives.Addressed).All(Vocatives.Addressed(text).Contains)).Check(config);
    }

    [Fact]
    public void CapitalisedWords_Question_KeepsNamesNotStopWords() =>
        Assert.Equal(["Maya", "Tom"], Vocatives.CapitalisedWords("Which book did Maya recommend to Tom? What about Tom?"));
}
