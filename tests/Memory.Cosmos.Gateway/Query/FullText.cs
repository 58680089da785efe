namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// The full-text model: lower-cased runs of letters and digits, and BM25 over the statistics the SDK gathers with the plan's
/// global statistics query (https://learn.microsoft.com/azure/cosmos-db/gen-ai/full-text-search: FullTextScore is BM25).
/// Simplification, stated: the service's en-US analyzer also stems words and drops stop words; this one matches whole words,
/// so a test must not depend on stemming. k1 and b are the textbook defaults, not the service's (unpublished) values.
/// </summary>
internal static class FullText
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var word = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (word && start < 0)
            {
                start = i;
            }
            else if (!word && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>True when the text holds the term (each word of a multi-word term, in order and adjacent).</summary>
    public static bool Contains(IReadOnlyList<string> textTokens, string term)
    {
        var words = Tokens(term);
        if (words.Count == 0)
        {
            return false;
        }

        for (var i = 0; i + words.Count <= textTokens.Count; i++)
        {
            if (words.Select((word, k) => textTokens[i + k] == word).All(match => match))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>BM25 of a document for the terms, given the corpus size, its total word count and each term's document frequency.</summary>
    public static double Bm25(IReadOnlyList<string> textTokens, IReadOnlyList<string> terms, double documentCount, double totalWordCount, IReadOnlyList<double> hitCounts)
    {
        if (documentCount <= 0 || textTokens.Count == 0)
        {
            return 0;
        }

        var averageLength = Math.Max(totalWordCount / documentCount, 1);
        var score = 0.0;
        for (var i = 0; i < terms.Count; i++)
        {
            var term = Tokens(terms[i]);
            var frequency = term.Count == 1 ? textTokens.Count(token => token == term[0]) : (Contains(textTokens, terms[i]) ? 1 : 0);
            if (frequency == 0)
            {
                continue;
            }

            var hits = i < hitCounts.Count ? hitCounts[i] : 0;
            var idf = Math.Log(1 + ((documentCount - hits + 0.5) / (hits + 0.5)));
            score += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * textTokens.Count / averageLength))));
        }

        return score;
    }
}
