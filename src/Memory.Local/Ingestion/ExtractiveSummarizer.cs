using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// A model-free <see cref="ISummarizer"/> that keeps lines rather than writing prose.
/// Session: the previous summary's lines plus one condensed line per new turn (its first sentence, clipped), greetings
/// and acknowledgements skipped; the oldest lines fall out first when over budget.
/// Profile: the previous lines plus the new statements, de-duplicated, newest value per slot wins ("Works at Fabrikam"
/// replaces "Works at Contoso"), "No longer true: …" lines remove their statement; oldest lines fall out first.
/// </summary>
public sealed class ExtractiveSummarizer : ISummarizer
{
    private const int MaxLineCharacters = 200;

    private static readonly HashSet<string> Acknowledgements = new(StringComparer.OrdinalIgnoreCase)
    {
        "hi", "hello", "hey", "thanks", "thank you", "thx", "ok", "okay", "bye", "goodbye", "sure", "great", "cool", "nice", "yes", "no", "got it", "good morning", "good night",
    };

    public Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var previous = string.IsNullOrWhiteSpace(request.PreviousSummary) ? [] : request.PreviousSummary.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var lines = request.Subject == SummarySubject.Profile ? Profile(previous, request.NewContent) : Session(previous, request.NewContent);
        return Task.FromResult(new SummaryResult(Fit(lines, request.MaxTokens), TokenUsage.None));
    }

    private static List<string> Session(List<string> lines, IReadOnlyList<string> turns)
    {
        foreach (var turn in turns)
        {
            var separator = turn.IndexOf(": ", StringComparison.Ordinal);
            var role = separator > 0 ? turn[..separator] : string.Empty;
            var content = (separator > 0 ? turn[(separator + 2)..] : turn).ReplaceLineEndings(" ").Trim();
            if (content.Length == 0 || Acknowledgements.Contains(content.TrimEnd('.', '!', ' ')))
            {
                continue;
            }

            var end = content.IndexOfAny(['.', '!', '?']);
            var first = end > 0 && end < content.Length - 1 ? content[..(end + 1)] : content;
            if (first.Length > MaxLineCharacters)
            {
                first = first[..(MaxLineCharacters - 1)].TrimEnd() + "…";
            }

            lines.Add(role.Length > 0 ? $"{role}: {first}" : first);
        }

        return lines;
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

    /// <summary>Keeps the newest lines that fit the budget; a single line that is too long on its own is clipped.</summary>
    private static string Fit(List<string> lines, int maxTokens)
    {
        while (lines.Count > 1 && TokenEstimator.Estimate(string.Join('\n', lines)) > maxTokens)
        {
            lines.RemoveAt(0);
        }

        var text = string.Join('\n', lines);
        var maxCharacters = Math.Max(1, (maxTokens * 4) - 3);
        return text.Length > maxCharacters ? text[..maxCharacters] : text;
    }
}
