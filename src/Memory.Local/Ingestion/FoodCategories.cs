namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// A deliberately small lexicon of category → members, so a retraction of the category ("no longer eats meat") also
/// ends statements about its members ("Loves steak"). Anything richer is the LLM reconciler's job.
/// </summary>
internal static class FoodCategories
{
    private static readonly Dictionary<string, string[]> Members = new(StringComparer.OrdinalIgnoreCase)
    {
        ["meat"] = ["meat", "steak", "steaks", "beef", "pork", "bacon", "ham", "lamb", "chicken", "sausage", "sausages", "burger", "burgers", "veal", "salami", "turkey", "ribs"],
        ["fish"] = ["fish", "salmon", "tuna", "cod", "sushi", "seafood", "shrimp", "prawns"],
        ["dairy"] = ["dairy", "milk", "cheese", "yogurt", "yoghurt", "butter", "cream", "ice cream"],
        ["alcohol"] = ["alcohol", "beer", "wine", "whisky", "whiskey", "vodka", "gin", "cocktails"],
        ["sugar"] = ["sugar", "sweets", "candy", "chocolate", "cake", "desserts"],
    };

    /// <summary>The term itself plus, when it names a category, every member of it.</summary>
    public static IEnumerable<string> Expand(string term) =>
        Members.TryGetValue(term, out var members) ? members.Append(term) : [term];
}
