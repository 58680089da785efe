namespace MemoryFunctions.Local.Indexing;

/// <summary>Lexical terms: lower-cased runs of letters and digits, minus a small English stop-word list.</summary>
internal static class TextTokenizer
{
    // Small on purpose: BM25's idf already discounts common words; this only drops the ones that carry no meaning at all.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "has", "have", "he", "her",
        "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what",
        "when", "which", "who", "will", "with", "you", "your",
    };

    /// <summary>Each term with the number of times it occurs, and the total number of terms.</summary>
    public static (Dictionary<string, int> Frequencies, int Length) Count(string text)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var term in Terms(text))
        {
            length++;
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
        }

        return (frequencies, length);
    }

    /// <summary>Lexical terms: <see cref="Words"/> without the stop words.</summary>
    public static IEnumerable<string> Terms(string text) => Words(text).Where(word => !StopWords.Contains(word));

    /// <summary>Every lower-cased run of letters and digits, stop words included.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
