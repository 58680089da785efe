using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Context;

/// <summary>
/// The sections of one block as they fill, within one budget: a section's header is paid for with its first line, so a
/// section nothing of which fits costs nothing. Nothing is said twice (a fact the profile states, a turn already shown,
/// the same words said again by the same speaker).
/// </summary>
internal sealed class ContextAssembly(ContextBudget budget, Func<string, int> lineCost, int maxTurnChars, ContextRelevance relevance)
{
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private readonly List<string> _statements = [];
    private readonly List<string> _turnTexts = [];

    public List<string> CurrentSummary { get; } = [];

    public List<MemoryRecord> RecentTurns { get; } = [];

    public List<string> Profile { get; } = [];

    public List<RankedMemory> Facts { get; } = [];

    public List<MemoryRecord> Turns { get; } = [];

    public List<string> Summaries { get; } = [];

    /// <summary>A turn's line as the block shows it: a turn longer than the cap shows the sentences the question touches.</summary>
    public string TurnLine(MemoryRecord turn) => ContextLines.Turn(turn, relevance.Excerpt(turn.Text, maxTurnChars));

    /// <summary>Adds <paramref name="line"/>, which states <paramref name="statement"/>, to <paramref name="section"/> if the statement is new and the line fits (with the header when it is the section's first).</summary>
    public bool TryAddLine(List<string> section, string header, string line, string statement)
    {
        var key = "line\n" + MemoryIds.Normalize(statement);
        if (_shown.Contains(key) || !budget.TryTake(lineCost(line) + (section.Count == 0 ? lineCost(header) : 0)))
        {
            return false;
        }

        _shown.Add(key);
        _statements.Add(MemoryIds.Normalize(statement));
        section.Add(line);
        return true;
    }

    /// <summary>A line shown so far states <paramref name="text"/> (the profile line "Works at Contoso. Lives in Oslo." states "Lives in Oslo").</summary>
    public bool HasShownStatement(string text)
    {
        var statement = MemoryIds.Normalize(text);
        return _statements.Exists(shown => shown.Contains(statement, StringComparison.Ordinal));
    }

    public bool TryAddFact(RankedMemory fact, string header)
    {
        var key = "line\n" + MemoryIds.Normalize(fact.Memory.Text);
        if (_shown.Contains(key) || !budget.TryTake(lineCost(ContextLines.Fact(fact.Memory)) + (Facts.Count == 0 ? lineCost(header) : 0)))
        {
            return false;
        }

        _shown.Add(key);
        Facts.Add(fact);
        return true;
    }

    /// <summary>
    /// Adds a turn to <paramref name="section"/>. The same words said again (on another day, or by rote: "Haha, same here")
    /// say nothing new: shown once, where first taken.
    /// </summary>
    public bool TryAddTurn(MemoryRecord turn, List<MemoryRecord> section, string header)
    {
        var key = "turn\n" + turn.Id;
        var said = "said\n" + turn.Speaker + "\n" + MemoryIds.Normalize(turn.Text);
        if (_shown.Contains(key) || _shown.Contains(said)
            || !budget.TryTake(lineCost(TurnLine(turn)) + (section.Count == 0 ? lineCost(header) : 0)))
        {
            return false;
        }

        _shown.Add(key);
        _shown.Add(said);
        _turnTexts.Add(MemoryIds.Normalize(turn.Text));
        section.Add(turn);
        return true;
    }

    /// <summary>
    /// A summary line ("Maya: I passed my driving test…") quotes a sentence of a turn shown so far: the extractive
    /// summariser keeps sentences as said, so the line would say it twice.
    /// </summary>
    public bool QuotesShownTurn(string line)
    {
        var said = line.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 ? line[(at + 2)..] : line;
        var sentence = MemoryIds.Normalize(said.TrimEnd('…'));
        return sentence.Length > 0 && _turnTexts.Exists(text => text.Contains(sentence, StringComparison.Ordinal));
    }

    public bool HasShownTurn(MemoryRecord turn) => _shown.Contains("turn\n" + turn.Id);
}
