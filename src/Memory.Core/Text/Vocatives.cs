namespace MemoryFunctions.Core.Text;

/// <summary>
/// The names a text addresses someone by, as people do in chat: "Sam, how is the garden?", "Thanks, Sam!", "Wow Sam, …",
/// "Love the photos, Sam!". A capitalised word counts when it opens a sentence and is followed by a comma, "!" or "?",
/// follows a greeting or reaction word, or follows a comma and closes a clause. One forward pass, linear in the text
/// (turns can be long, and this runs on every candidate of a search). English only, like the rest of the text rules.
/// </summary>
public static class Vocatives
{
    private static readonly HashSet<string> Greetings = new(StringComparer.OrdinalIgnoreCase)
    {
        "hi", "hey", "hello", "thanks", "wow", "oh", "congrats", "congratulations", "dear", "bye", "morning", "night",
    };

    /// <summary>The second word of two-word greetings ("thank you", "well done", "good luck"), with the first it needs.</summary>
    private static readonly Dictionary<string, string> Closing = new(StringComparer.OrdinalIgnoreCase)
    {
        ["you"] = "thank", ["done"] = "well", ["luck"] = "good",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GreetingWords = Greetings.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ClosingWords = Closing.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlySet<string> Addressed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Words are read as ranges of the text: only a name found is copied out (this runs on every candidate of a search).
        var (before, beforeThat) = ((0, 0), (0, 0));
        var mark = '^'; // the punctuation since the previous word: '^' at the start, '\0' for none
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                // A line break starts a sentence, as for Sentences.Split.
                mark = text[i] is '\n' or '\r' ? '^' : char.IsWhiteSpace(text[i]) ? mark : text[i];
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                end++;
            }

            if (IsCapitalised(text.AsSpan(i, end - i)))
            {
                var next = NextMark(text, end);
                var previous = text.AsSpan(before.Item1, before.Item2);
                var greeted = mark is '\0' or ',' or '!' or '^'
                    && (GreetingWords.Contains(previous)
                        || (ClosingWords.TryGetValue(previous, out var first) && first.AsSpan().Equals(text.AsSpan(beforeThat.Item1, beforeThat.Item2), StringComparison.OrdinalIgnoreCase)));
                if ((mark is '^' or '.' or '!' or '?' && next is ',' or '!' or '?') || greeted || (mark == ',' && next is ',' or '!' or '?' or '.' or '^'))
                {
                    names.Add(text[i..end]);
                }
            }

            (beforeThat, before, mark, i) = (before, (i, end - i), '\0', end);
        }

        return names;
    }

    /// <summary>The capitalised words of a query that could be names (not its stop words: "What", "Which", "The").</summary>
    public static IReadOnlyList<string> CapitalisedWords(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = new List<string>();
        for (var i = 0; i < query.Length;)
        {
            var end = i;
            while (end < query.Length && char.IsLetterOrDigit(query[end]))
            {
                end++;
            }

            if (end > i && query[i..end] is var word && IsCapitalised(word) && TextTokenizer.Terms(word).Any() && !words.Contains(word))
            {
                words.Add(word);
            }

            i = Math.Max(end, i + 1);
        }

        return words;
    }

    private static bool IsCapitalised(ReadOnlySpan<char> word) => word.Length > 1 && char.IsUpper(word[0]) && AllLower(word[1..]);

    private static bool AllLower(ReadOnlySpan<char> letters)
    {
        foreach (var c in letters)
        {
            if (!char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first character after <paramref name="at"/> that is not white space; '^' at the end of the text or of its line.</summary>
    private static char NextMark(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]) && text[at] is not ('\n' or '\r'))
        {
            at++;
        }

        return at < text.Length && text[at] is not ('\n' or '\r') ? text[at] : '^';
    }
}
