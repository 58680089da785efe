using System.Globalization;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>Questions answered per question type and budget, the tokens spent per budget, and what the extractor wrote.</summary>
internal sealed class ConversationTally(int budgets)
{
    private readonly Dictionary<string, int[]> _hits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _questions = new(StringComparer.Ordinal);
    private readonly long[] _tokens = new long[budgets];

    public int Questions => _questions.Values.Sum();

    /// <summary>
    /// Statements the store holds for the users after ingestion (fact, preference, episodic and procedural memories, ended
    /// ones included): what the extractor wrote, less what reconciliation deleted or merged into an update.
    /// </summary>
    public int Facts { get; set; }

    /// <summary>The turns posted, of which <see cref="Facts"/> were extracted.</summary>
    public int Turns { get; set; }

    /// <summary>The extractor's yield as a sentence for the generated block.</summary>
    public string FactYield() => string.Create(
        CultureInfo.InvariantCulture,
        $"the store holds {Facts:N0} extracted statements (facts, preferences, episodic and procedural memories, ended ones included) from {Turns:N0} turns: {100.0 * Facts / Math.Max(1, Turns):F1} per 100 turns");

    public void Count(string type, int budget, bool answered, int tokens)
    {
        if (!_hits.TryGetValue(type, out var hits))
        {
            _hits[type] = hits = new int[_tokens.Length];
        }

        hits[budget] += answered ? 1 : 0;
        _tokens[budget] += tokens;
        if (budget == 0)
        {
            _questions[type] = _questions.GetValueOrDefault(type) + 1;
        }
    }

    public int QuestionsOf(string? type) => type is null ? Questions : _questions.GetValueOrDefault(type);

    public int HitsOf(string? type, int budget) => type is null ? _hits.Values.Sum(h => h[budget]) : _hits.GetValueOrDefault(type)?[budget] ?? 0;

    public long MeanTokens(int budget) => Questions == 0 ? 0 : _tokens[budget] / Questions;

    public string Rate(string? type, int budget) => Percent(HitsOf(type, budget), QuestionsOf(type));

    public static string Percent(int hits, int total) =>
        total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * hits / total:F1} % ({hits}/{total})");
}
