using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Text;

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
    private readonly List<string> _shownTurnTexts = [];
    private readonly HashSet<string> _shownSentences = new(StringComparer.Ordinal);
    private int _sentencesRead;

    public List<string> CurrentSummary { get; } = [];

    public List<MemoryRecord> RecentTurns { get; } = [];

    public List<string> Profile { get; } = [];

    public List<RankedMemory> Facts { get; } = [];

    public List<MemoryRecord> Turns { get; } = [];

    public List<string> Summaries { get; } = [];

    /// <summary>A turn's line as the block shows it: a turn longer than the cap shows the sentences the question touches.</summary>
    public string TurnLine(MemoryRecord turn) => ContextLines.Turn(turn, Shown(turn));

    /// <summary>What the block shows of a turn's text: all of it, or the excerpt of a long turn.</summary>
    private string Shown(MemoryRecord turn) => relevance.Excerpt(turn.Text, maxTurnChars);

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
        if (_shown.Contains(key) || _shown.Contains(said))
        {
            return false;
        }

        var shown = Shown(turn);
        if (!budget.TryTake(lineCost(ContextLines.Turn(turn, shown)) + (section.Count == 0 ? lineCost(header) : 0)))
        {
            return false;
        }

        _shown.Add(key);
        _shown.Add(said);
        _shownTurnTexts.Add(shown);
        section.Add(turn);
        return true;
    }

    /// <summary>
    /// A summary line ("Maya: I passed my driving test…") is a sentence the block shows in a turn: the extractive summariser
    /// keeps one sentence of a turn as said (clipped with "…" when long), so the line would say it twice. Compared with the
    /// sentences of what the block shows of each turn (a long turn's excerpt, not its whole text): equal, or for a clipped
    /// line its start. The shown turns are split into sentences only when a summary line is checked.
    /// </summary>
    public bool QuotesShownTurn(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        for (; _sentencesRead < _shownTurnTexts.Count; _sentencesRead++)
        {
            _shownSentences.UnionWith(Sentences.Split(_shownTurnTexts[_sentencesRead]).Select(SentenceKey).Where(key => key.Length > 0));
        }

        var said = line.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 ? line[(at + 2)..] : line;
        var clipped = said.TrimEnd().EndsWith('…');
        var sentence = SentenceKey(said);
        return sentence.Length > 0 && (clipped ? _shownSentences.Any(shown => shown.StartsWith(sentence, StringComparison.Ordinal)) : _shownSentences.Contains(sentence));
    }

    /// <summary>A sentence without the excerpt's omission marks, normalised.</summary>
    private static string SentenceKey(string sentence) => MemoryIds.Normalize(sentence.Trim('…', ' '));

    public bool HasShownTurn(MemoryRecord turn) => _shown.Contains("turn\n" + turn.Id);
}
