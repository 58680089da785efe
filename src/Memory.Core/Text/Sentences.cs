using System.Text.RegularExpressions;

namespace MemoryFunctions.Core.Text;

/// <summary>Sentences of English prose: a break after sentence-final punctuation followed by space, or at a line break.</summary>
public static partial class Sentences
{
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Break().Split(text).Select(sentence => sentence.Trim()).Where(sentence => sentence.Length > 0);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\r?\n+")]
    private static partial Regex Break();
}
