namespace MemoryFunctions.Core.Text;

/// <summary>
/// Light English suffix folding for BM25, so "hikes", "hiking" and "hiked" meet "hike", and "studies" meets "study".
/// Deliberately lighter than Porter: plurals, possessives, -ing and -ed only, each guarded by a minimum stem length so
/// short words ("bus", "ring", "red") stay whole. A trailing "e" is dropped everywhere so "hike" and "hik(ing)" agree.
/// </summary>
public static class LightStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || !char.IsAsciiLetterLower(word[^1]))
        {
            return word;
        }

        var stem = word;
        if (stem.EndsWith("ies", StringComparison.Ordinal) && stem.Length > 4)
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.EndsWith("ied", StringComparison.Ordinal) && stem.Length > 4)
        {
            stem = stem[..^3] + "y";
        }
        else if (EndsWithAny(stem, "sses", "shes", "ches", "xes", "zes"))
        {
            stem = stem[..^2];
        }
        else if (stem.EndsWith('s') && !EndsWithAny(stem, "ss", "us", "is"))
        {
            stem = stem[..^1];
        }
        else if (stem.EndsWith("ing", StringComparison.Ordinal) && stem.Length > 5)
        {
            stem = Undouble(stem[..^3]);
        }
        else if (stem.EndsWith("ed", StringComparison.Ordinal) && stem.Length > 4)
        {
            stem = Undouble(stem[..^2]);
        }

        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    private static bool EndsWithAny(string word, params ReadOnlySpan<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"runn" → "run", "swimm" → "swim", but "fall" and "miss" keep their double letter as the base word does.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o') ? stem[..^1] : stem;
}
