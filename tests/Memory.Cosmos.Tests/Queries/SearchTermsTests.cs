using MemoryFunctions.Core.Domain;
using MemoryFunctions.Cosmos.Queries;
using MemoryFunctions.Cosmos.Stores;

namespace MemoryFunctions.Cosmos.Tests.Queries;

public sealed class SearchTermsTests
{
    [Fact]
    public void Extract_Punctuation_LowerCaseDistinctWords()
    {
        Assert.Equal(["what", "coffee", "does", "the", "user", "like"], SearchTerms.Extract("What coffee does the user like? Coffee!"));
    }

    [Fact]
    public void Extract_SqlLikeInput_OnlyLetterAndDigitRuns()
    {
        Assert.Equal(["x", "or", "1", "drop"], SearchTerms.Extract("x' OR 1=1 --\"]) ; DROP"));
    }

    [Fact]
    public void Extract_Empty_NoTerms()
    {
        Assert.Empty(SearchTerms.Extract("  ?! "));
        Assert.Empty(SearchTerms.Extract(null));
    }

    [Fact]
    public void Extract_ManyLongWords_Bounded()
    {
        var text = string.Join(' ', Enumerable.Range(0, 40).Select(i => i + new string('a', 100)));

        var terms = SearchTerms.Extract(text);

        Assert.Equal(SearchTerms.MaxTerms, terms.Count);
        Assert.All(terms, term => Assert.True(term.Length <= SearchTerms.MaxTermLength));
    }

    [Fact]
    public void TermOverlap_VectorCandidates_RankedByMatchesThenVectorOrder()
    {
        var candidates = new[] { Record("a", "tea in the morning"), Record("b", "coffee and tea"), Record("c", "nothing here"), Record("d", "tea") };

        var ranked = CosmosMemoryStore.TermOverlap(candidates, ["coffee", "tea"]);

        Assert.Equal([("b", 1), ("a", 2), ("d", 3)], ranked.Select(r => (r.Memory.Id, r.Rank)));
    }

    private static MemoryRecord Record(string id, string text) =>
        new() { Id = id, TenantId = "t", UserId = "u", Text = text, ContentHash = id };
}
