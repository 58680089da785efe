namespace MemoryFunctions.Core.Search;

/// <summary>
/// The one rule for when words name a conversation participant: they hold every word of the name ("Sam Lee"), or a word
/// of it that no other participant's name has ("Sam" when the only Sam is Sam Lee, "Lee" too; nobody when Sam Park
/// speaks as well). People are asked about by their first name far more often than by their full one.
/// </summary>
/// <param name="names">Each participant's name as its words: lower-cased words, or hashes of them, in the form the
/// <c>mentioned</c> test of <see cref="NamedBy"/> reads.</param>
internal sealed class ParticipantNames(IReadOnlyList<IReadOnlyList<string>> names)
{
    /// <summary>How many of the names have each word.</summary>
    private readonly Dictionary<string, int> _holders = names
        .SelectMany(words => words.Distinct(StringComparer.Ordinal))
        .CountBy(word => word, StringComparer.Ordinal)
        .ToDictionary(StringComparer.Ordinal);

    /// <summary>The positions (in the names given) of the participants that the words <paramref name="mentioned"/> recognises name.</summary>
    public IEnumerable<int> NamedBy(Func<string, bool> mentioned) =>
        Enumerable.Range(0, names.Count).Where(i => names[i] is { Count: > 0 } words
            && (words.All(mentioned) || words.Any(word => _holders[word] == 1 && mentioned(word))));
}
