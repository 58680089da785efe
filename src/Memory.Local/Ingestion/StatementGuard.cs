using System.Text.RegularExpressions;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// The last check every extracted statement passes: a wrong memory is worse than none, so a statement whose object is a
/// bare pronoun ("Made it in pottery class"), that stops mid-phrase ("Loves to", "Plans to a"), that talks about the
/// listener ("Loves your idea") or that is too short to say anything is dropped rather than stored.
/// </summary>
internal static partial class StatementGuard
{
    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "that", "this", "them", "those", "these", "him", "her", "so", "too", "there", "here", "one", "what", "which", "something", "anything", "everything", "stuff", "things",
        "when", "how", "where", "why", "who", "whatever",
    };

    private static readonly HashSet<string> Dangling = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "a", "an", "the", "of", "for", "with", "at", "in", "on", "and", "or", "but", "their", "about", "from", "by", "into", "that", "than", "as", "like", "some", "more", "very", "really", "so", "too", "much", "when", "if", "because", "since", "around",
    };

    public static bool IsPronoun(string word) => Pronouns.Contains(word);

    public static bool IsWellFormed(string statement)
    {
        var words = Words().Matches(statement).Select(m => m.Value).ToArray();
        return words.Length >= 2
            && !Dangling.Contains(words[^1])
            && !words.Skip(1).Any(word => word.Equals("you", StringComparison.OrdinalIgnoreCase) || word.StartsWith("your", StringComparison.OrdinalIgnoreCase))
            && !BarePronounObject(words);
    }

    /// <summary>"Made it in pottery class", "Loves that": the object is a pronoun whose referent stayed in another turn.</summary>
    private static bool BarePronounObject(string[] words)
    {
        if (words.Skip(1).Any(word => Referring().IsMatch(word)))
        {
            return true;
        }

        var objectAt = Array.FindIndex(words, 1, word => !Filler().IsMatch(word));
        return (objectAt > 0 && Pronouns.Contains(words[objectAt])) || Pronouns.Contains(words[^1]);
    }

    [GeneratedRegex(@"[\p{L}\p{N}'-]+")]
    private static partial Regex Words();

    [GeneratedRegex("^(?:going|to|considering|planning|on|is|no|longer)$", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    [GeneratedRegex("^(?:it|it's|them|they|they're|he|she)$", RegexOptions.IgnoreCase)]
    private static partial Regex Referring();
}
