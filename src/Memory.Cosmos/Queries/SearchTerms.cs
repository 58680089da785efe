using System.Text;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// Splits a query into the terms handed to FullTextScore. The terms are bound as parameters anyway; reducing them to
/// lower-case runs of letters and digits keeps the argument list short and meaningful (punctuation is not a term) and bounds it.
/// </summary>
internal static class SearchTerms
{
    public const int MaxTerms = 16;

    public const int MaxTermLength = 64;

    public static IReadOnlyList<string> Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(terms, current);
        }

        Flush(terms, current);
        return terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
    }

    private static void Flush(List<string> terms, StringBuilder current)
    {
        if (current.Length > 0)
        {
            terms.Add(current.Length > MaxTermLength ? current.ToString(0, MaxTermLength) : current.ToString());
            current.Clear();
        }
    }
}
