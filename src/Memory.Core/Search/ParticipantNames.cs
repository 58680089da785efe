using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// The one rule for when words name a conversation participant: they hold every word of the name ("Sam Lee"), or the
/// name's first word, capitalised, when no other participant's name has that word ("Sam" names Sam Lee; nobody when Sam
/// Park speaks too). Only the first word, and only capitalised: people are asked about by their first name, and the
/// other words of names are often common ones ("park", "green", "hill") that name nobody when a text says them.
/// </summary>
/// <param name="names">Each participant's name as its words: lower-cased words, or hashes of them, in the form the tests
/// given to <see cref="NamedBy"/> read.</param>
internal sealed class ParticipantNames(IReadOnlyList<IReadOnlyList<string>> names)
{
    /// <summary>How many names have each word, a name written two ways ("Sam Lee", "Sam_Lee") counting once.</summary>
    private readonly Dictionary<string, int> _holders = names
        .DistinctBy(words => string.Join(' ', words), StringComparer.Ordinal)
        .SelectMany(words => words.Distinct(StringComparer.Ordinal))
        .CountBy(word => word, StringComparer.Ordinal)
        .ToDictionary(StringComparer.Ordinal);

    /// <summary>The words of <paramref name="text"/> written capitalised, lower-cased: the ones that may be a first name.</summary>
    public static HashSet<string> Capitalised(string text) =>
        [.. Vocatives.CapitalisedWords(text).Select(word => word.ToLowerInvariant())];

    /// <summary>
    /// The positions (in the names given) of the participants named by the words <paramref name="mentioned"/> recognises,
    /// or by a first name <paramref name="capitalised"/> recognises.
    /// </summary>
    public IEnumerable<int> NamedBy(Func<string, bool> mentioned, Func<string, bool> capitalised) =>
        Enumerable.Range(0, names.Count).Where(i => names[i] is { Count: > 0 } words
            && (words.All(mentioned) || (words.Count > 1 && _holders[words[0]] == 1 && capitalised(words[0]))));
}
