using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Tests.Text;

public sealed class LightStemmerTests
{
    [Theory]
    [InlineData("hike", "hikes", "hiking", "hiked")]
    [InlineData("study", "studies", "studied", "study")]
    [InlineData("run", "runs", "running", "run")]
    [InlineData("swim", "swims", "swimming", "swim")]
    [InlineData("box", "boxes", "box", "box")]
    [InlineData("play", "plays", "playing", "played")]
    [InlineData("dish", "dishes", "dish", "dish")]
    public void Stem_InflectedForms_MeetTheBaseWord(string word, string plural, string progressive, string past)
    {
        var stem = LightStemmer.Stem(word);

        Assert.Equal(stem, LightStemmer.Stem(plural));
        Assert.Equal(stem, LightStemmer.Stem(progressive));
        Assert.Equal(stem, LightStemmer.Stem(past));
    }

    [Theory]
    [InlineData("bus")]
    [InlineData("ring")]
    [InlineData("red")]
    [InlineData("class")]
    [InlineData("virus")]
    [InlineData("tennis")]
    [InlineData("2024")]
    public void Stem_ShortOrUninflectedWords_StayRecognisable(string word)
    {
        Assert.Equal(word.TrimEnd('e'), LightStemmer.Stem(word));
    }

    [Fact]
    public void Terms_StopWordsAndFiller_AreDropped()
    {
        Assert.Equal(["job", "nurs", "hospital"], TextTokenizer.Terms("Oh yeah, what is the user's job? a nurse at the hospital"));
    }
}
