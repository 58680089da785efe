using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// Puts a named speaker into a subjectless statement ("Works at Contoso" said by Caroline → "Caroline works at
/// Contoso") and into its slot ("Caroline:employer"), so a question naming Caroline finds her facts, and her new employer
/// supersedes her old one but never the user's or another person's.
/// </summary>
internal static class SpeakerAttribution
{
    /// <summary>Statements that open with a noun, not a verb: they take the possessive ("Caroline's favorite color is blue").</summary>
    private static readonly HashSet<string> NounStarts = new(StringComparer.Ordinal)
    {
        "Favorite", "Wife", "Husband", "Spouse", "Partner", "Girlfriend", "Boyfriend", "Fiance", "Fiancee", "Fiancé", "Fiancée", "Sister", "Brother", "Mother", "Mom", "Mum",
        "Father", "Dad", "Son", "Daughter", "Best", "Friend", "Boss", "Manager", "Cousin", "Aunt", "Uncle", "Grandmother", "Grandfather", "Grandma", "Grandpa", "Dog", "Cat",
    };

    public static CandidateFact Attribute(CandidateFact fact, string? speaker)
    {
        if (string.IsNullOrWhiteSpace(speaker))
        {
            return fact;
        }

        var name = speaker.Trim();
        var first = fact.Text.Split(' ', 2)[0];
        var rest = char.ToLowerInvariant(fact.Text[0]) + fact.Text[1..];
        var text = NounStarts.Contains(first) ? $"{name}'s {rest}" : $"{name} {rest}";
        return fact with { Text = text, Slot = fact.Slot is null ? null : $"{name}:{fact.Slot}" };
    }
}
