namespace MemoryFunctions.Core.Text;

/// <summary>Lexical terms: lower-cased runs of letters and digits, minus English stop words, folded by <see cref="LightStemmer"/>.</summary>
public static class TextTokenizer
{
    // The common English function words (the classic SMART/NLTK core): they match almost every conversational turn, so a
    // query's "what did I say about my ..." would otherwise rank short chit-chat on words that carry no meaning.
    // Negations ("not", "no", "never") are kept: they change what a statement means.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
        "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "me",
        "more", "most", "my", "myself", "nor", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
        "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "also",
        // Conversational filler, and "user": agents ask about "the user", while the memories are all about the user.
        "oh", "ok", "okay", "yeah", "yes", "hey", "hi", "hello", "really", "thanks", "thank", "wow", "user",
    };

    /// <summary>Whether <paramref name="word"/> (lower-cased) is a stop word: a function word that carries no meaning of its own.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

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

    /// <summary>Lexical terms: <see cref="Words"/> without the stop words, stemmed.</summary>
    public static IEnumerable<string> Terms(string text) => Words(text).Where(word => !StopWords.Contains(word)).Select(LightStemmer.Stem);

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
