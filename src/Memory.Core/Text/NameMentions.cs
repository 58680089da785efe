namespace MemoryFunctions.Core.Text;

/// <summary>
/// The words of a query that may be (part of) a person's name, lower-cased. Names are often ordinary words too ("Will",
/// "May", "Rose", "Hope"), so where the writer used capitals a name is a capitalised word: "What will Sam hope for?" names
/// Sam, not Will or Hope. A capitalised stop word that opens a sentence ("Will I need a coat?") is the word, not the name,
/// and a month that names a time ("in May") is the time (<see cref="NamedTimes"/>). A query written all in lower case
/// says nothing either way, so every word that is not a stop word may be a name there.
/// </summary>
public static class NameMentions
{
    public static IReadOnlySet<string> In(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = NamedTimes.Without(query);
        var lowerCaseOnly = !text.Any(char.IsUpper);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var opensSentence = true;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                opensSentence |= text[i] is '.' or '!' or '?' or '\n';
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                end++;
            }

            var word = text[i..end].ToLowerInvariant();
            // "I" is capitalised wherever it stands, so a capital says nothing about a one-letter word.
            var mayBeName = lowerCaseOnly ? !TextTokenizer.IsStopWord(word) : char.IsUpper(text[i]) && word.Length > 1 && !(opensSentence && TextTokenizer.IsStopWord(word));
            if (mayBeName)
            {
                words.Add(word);
            }

            (opensSentence, i) = (false, end);
        }

        return words;
    }
}
