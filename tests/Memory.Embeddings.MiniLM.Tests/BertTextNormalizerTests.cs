using MemoryFunctions.Embeddings.MiniLM;

namespace MemoryFunctions.Embeddings.MiniLM.Tests;

public sealed class BertTextNormalizerTests
{
    [Fact]
    public void Normalize_LineBreaksTabsAndControls_BecomeSpaces()
    {
        Assert.Equal("one two three four five", BertTextNormalizer.Normalize("one\ntwo\tthree\r\nfour\u0001five").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Café crème à Zürich", "Cafe creme a Zurich")]
    [InlineData("naïve façade, São Paulo, Łódź", "naive facade, Sao Paulo, Łodz")]
    [InlineData("Ἀθῆναι", "Αθηναι")]
    public void Normalize_PrecomposedAccents_FoldToBaseLetters(string accented, string plain)
    {
        Assert.Equal(plain, BertTextNormalizer.Normalize(accented));
    }

    [Fact]
    public void Normalize_DecomposedAccents_DropTheCombiningMarks()
    {
        Assert.Equal("Cafe", BertTextNormalizer.Normalize("Cafe\u0301"));
    }
}
