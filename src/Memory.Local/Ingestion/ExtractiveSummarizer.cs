using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Text;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// A model-free <see cref="ISummarizer"/> that keeps lines rather than writing prose.
/// Session: the previous summary's lines plus, per new turn, its most informative sentence (the most content words:
/// names, numbers and nouns over small talk), clipped; questions, greetings, acknowledgements and sentences of fewer
/// than <see cref="MinContentWords"/> content words are skipped; over budget, the least informative lines fall out
/// first (the oldest of equals). English only (its stop words and sentence breaks are English).
/// Profile: the previous lines plus the new statements, de-duplicated, newest value per slot wins ("Works at Fabrikam"
/// replaces "Works at Contoso"), "No longer true: …" lines remove their statement; oldest lines fall out first.
/// </summary>
public sealed class ExtractiveSummarizer : ISummarizer
{
    private const int MaxLineCharacters = 200;

    /// <summary>A sentence with fewer content words ("Haha, same here honestly.") says nothing a summary should keep.</summary>
    private const int MinContentWords = 3;

    private static readonly HashSet<string> Acknowledgements = new(StringComparer.OrdinalIgnoreCase)
    {
        "hi", "hello", "hey", "thanks", "thank you", "thx", "ok", "okay", "bye", "goodbye", "sure", "great", "cool", "nice", "yes", "no", "got it", "good morning", "good night",
    };

    public Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var previous = string.IsNullOrWhiteSpace(request.PreviousSummary) ? [] : request.PreviousSummary.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var lines = request.Subject == SummarySubject.Profile ? Profile(previous, request.NewContent) : Session(previous, request.NewContent);
        return Task.FromResult(new SummaryResult(Fit(lines, request.MaxTokens, request.Subject), TokenUsage.None));
    }

    private static List<string> Session(List<string> lines, IReadOnlyList<string> turns)
    {
        foreach (var turn in turns)
        {
            var separator = turn.IndexOf(": ", StringComparison.Ordinal);
            var role = separator > 0 ? turn[..separator] : string.Empty;
            var content = (separator > 0 ? turn[(separator + 2)..] : turn).ReplaceLineEndings(" ").Trim();
            var best = Sentences.Split(content)
                .Where(sentence => !sentence.EndsWith('?') && !Acknowledgements.Contains(sentence.TrimEnd('.', '!', ' ')))
                .Select((sentence, order) => (Sentence: sentence, Order: order, Score: Informativeness(sentence)))
                .Where(entry => entry.Score >= MinContentWords)
                .OrderByDescending(entry => entry.Score)
                .ThenBy(entry => entry.Order)
                .Select(entry => entry.Sentence)
                .FirstOrDefault();
            if (best is null)
            {
                continue;
            }

            if (best.Length > MaxLineCharacters)
            {
                best = best[..(MaxLineCharacters - 1)].TrimEnd() + "…";
            }

            lines.Add(role.Length > 0 ? $"{role}: {best}" : best);
        }

        return lines;
    }

    /// <summary>Content words (stop words and filler left out), a capitalised word inside the sentence or a number counting once more: names and figures are what a summary is read for.</summary>
    private static int Informativeness(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var named = words.Skip(1).Count(word => word.Length > 1 && (char.IsUpper(word[0]) || char.IsDigit(word[0])));
        // Counted, not stemmed: stemming does not change how many terms there are.
        return TextTokenizer.Words(sentence).Count(word => !TextTokenizer.IsStopWord(word)) + named;
    }

    private static List<string> Profile(List<string> lines, IReadOnlyList<string> changes)
    {
        foreach (var change in changes)
        {
            var line = change.ReplaceLineEndings(" ").Trim();
            if (line.StartsWith(IngestionConventions.EndedStatementPrefix, StringComparison.Ordinal))
            {
                var ended = MemoryIds.Normalize(line[IngestionConventions.EndedStatementPrefix.Length..]);
                lines.RemoveAll(existing => MemoryIds.Normalize(existing) == ended);
                continue;
            }

            var normalized = MemoryIds.Normalize(line);
            var slot = StatementSlots.Detect(line);
            lines.RemoveAll(existing => MemoryIds.Normalize(existing) == normalized || (slot is not null && StatementSlots.Detect(existing) == slot));
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// Keeps what fits the budget: a session summary drops its least informative lines first (the oldest of equals), a
    /// profile its oldest; a single line that is too long on its own is clipped.
    /// </summary>
    private static string Fit(List<string> lines, int maxTokens, SummarySubject subject)
    {
        // Each line is scored once (scoring tokenises it): a long session drops many lines, and re-scoring all of them per
        // drop made this quadratic in the session's turns.
        var scores = subject == SummarySubject.Session ? lines.Select(line => Informativeness(Said(line))).ToList() : null;
        var characters = lines.Sum(line => line.Length) + Math.Max(0, lines.Count - 1);
        while (lines.Count > 1 && TokenEstimator.Estimate(characters) > maxTokens)
        {
            var drop = scores is null ? 0 : scores.IndexOf(scores.Min());
            characters -= lines[drop].Length + 1;
            lines.RemoveAt(drop);
            scores?.RemoveAt(drop);
        }

        var text = string.Join('\n', lines);
        var maxCharacters = Math.Max(1, (maxTokens * 4) - 3);
        return text.Length > maxCharacters ? text[..maxCharacters] : text;
    }

    /// <summary>A session line without its "Speaker: " prefix.</summary>
    private static string Said(string line) => line.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 ? line[(at + 2)..] : line;
}
