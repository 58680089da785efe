using System.Text.RegularExpressions;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// The single-valued attribute a third-person statement sets ("Works at Contoso" → "employer"), read back from the
/// statement's shape. The extractor writes statements in exactly these shapes, so the reconciler and the profile
/// summariser recover the same slot from text alone.
/// </summary>
internal static partial class StatementSlots
{
    public static string? Detect(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var match = Shape().Match(statement.Trim());
        if (!match.Success)
        {
            return null;
        }

        var g = match.Groups;
        if (g["likes"].Success)
        {
            return "likes:" + Key(g["likes"].Value);
        }

        if (g["food"].Success)
        {
            return "diet:" + Key(g["food"].Value);
        }

        if (g["a"].Success)
        {
            var pair = new[] { Key(g["a"].Value), Key(g["b"].Value) }.Order(StringComparer.Ordinal);
            return "preference:" + string.Join('|', pair);
        }

        if (g["fav"].Success)
        {
            return "favorite:" + Key(g["fav"].Value);
        }

        if (g["allergy"].Success)
        {
            return "allergy:" + Key(g["allergy"].Value);
        }

        if (g["diet"].Success)
        {
            return "diet";
        }

        if (g["age"].Success)
        {
            return "age";
        }

        return g["job"].Success ? "job title" : g["slot"].Success ? SlotOf(g["slot"].Value) : null;
    }

    /// <summary>Lower case, single spaces, no leading article: the comparable part of a statement's object.</summary>
    public static string Key(string value) =>
        Article().Replace(string.Join(' ', value.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)), string.Empty).Trim('.', ',', '!');

    private static string? SlotOf(string prefix) => prefix.ToUpperInvariant() switch
    {
        "IS NAMED" => "name",
        "WORKS AT" => "employer",
        "WORKS AS" => "job title",
        "LIVES IN" => "home city",
        "IS FROM" => "hometown",
        "IS MARRIED TO" => "spouse",
        "IS IN A RELATIONSHIP WITH" => "partner",
        _ => null,
    };

    [GeneratedRegex("""
        ^(?:
            (?:Loves|Likes|Enjoys|Hates|Dislikes)\s+(?<likes>.+?)
          | (?:Eats|Does\ not\ eat)\s+(?<food>[\w\s-]+?)
          | Prefers\s+(?<a>.+?)\s+over\s+(?<b>.+?)
          | Favorite\s+(?<fav>[\w\s]+?)\s+is\s+.+
          | Is\ allergic\ to\s+(?<allergy>.+?)
          | (?<slot>Is\ named|Works\ at|Works\ as|Lives\ in|Is\ from|Is\ married\ to|Is\ in\ a\ relationship\ with)\s+.+
          | Is\ (?:no\ longer\ )?(?:vegetarian|vegan|pescatarian|flexitarian)(?<diet>)
          | Is\ an?\ (?<job>[\w\s-]+)
          | Is\ \d{1,3}\ years\ old(?<age>)
        )$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?:a|an|the|their)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Article();
}
