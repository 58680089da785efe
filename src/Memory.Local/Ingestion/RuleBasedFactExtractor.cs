using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Local.Ingestion;

/// <summary>
/// A model-free <see cref="IFactExtractor"/>: splits turns into clauses, drops questions and chit-chat, resolves
/// relative dates against the turn's timestamp and turns first-person self-disclosures, preferences, plans, events,
/// relationships, employment and diet into short third-person statements with a slot. Precision over recall: every
/// statement passes <see cref="StatementGuard"/>, and the turn itself is kept for retrieval anyway.
/// User turns are mined, and so are turns of named people (<see cref="ConversationMessage.Speaker"/>): their statements
/// are about the speaker ("Caroline went to a support group") and their slots are the speaker's. An unnamed assistant's
/// turns are never mined: what the assistant says is not evidence about anyone. Every statement is dated: by the date it
/// states, else by its turn's time (event time, never the ingestion clock).
/// </summary>
public sealed partial class RuleBasedFactExtractor : IFactExtractor
{
    public Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = new List<CandidateFact>();
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in request.Messages.Where(IsAboutAPerson))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var fact in Extract(message))
            {
                var key = MemoryIds.Normalize(fact.Text);
                if (byText.TryGetValue(key, out var index))
                {
                    // The same statement twice in one request: one fact, both messages as provenance.
                    facts[index] = facts[index] with { SourceMessageIds = [.. facts[index].SourceMessageIds.Union(fact.SourceMessageIds)], SaidAt = fact.SaidAt > facts[index].SaidAt ? fact.SaidAt : facts[index].SaidAt };
                    continue;
                }

                byText[key] = facts.Count;
                facts.Add(fact);
            }
        }

        return Task.FromResult(new ExtractionResult(facts, TokenUsage.None));
    }

    private static bool IsAboutAPerson(ConversationMessage message) =>
        message.Role == MessageRole.User || (message.Role == MessageRole.Assistant && message.Speaker is not null);

    internal static IEnumerable<CandidateFact> Extract(ConversationMessage message)
    {
        var today = DateOnly.FromDateTime(message.Timestamp.Date);
        foreach (var sentence in Sentences.Split(message.Content))
        {
            var trimmed = sentence.Trim();
            if (trimmed.Length == 0 || trimmed.EndsWith('?'))
            {
                continue;
            }

            foreach (var rawClause in ClauseBreak().Split(trimmed))
            {
                var clause = Interjection().Replace(rawClause.Trim(), string.Empty).Trim().TrimEnd('.', '!', ',', ';', ':').Trim();
                clause = HabitAdverb().Replace(clause, "I ");
                if (clause.Length < 4 || QuestionStart().IsMatch(clause))
                {
                    continue;
                }

                var resolved = RelativeDates.Resolve(clause, message.Timestamp);
                var (positive, retraction) = Positive(resolved.Text);
                // Between named people an imperative is said to the other person, never an instruction to the assistant.
                var toAssistant = message.Role == MessageRole.User && message.Speaker is null;
                foreach (var draft in FactRules.Apply(positive, resolved, today, toAssistant))
                {
                    yield return SpeakerAttribution.Attribute(ToCandidate(draft, retraction, resolved.Date, today, message), message.Speaker);
                }
            }
        }
    }

    private static CandidateFact ToCandidate(FactDraft draft, bool retraction, DateOnly? date, DateOnly today, ConversationMessage message)
    {
        var slot = StatementSlots.Detect(draft.Text);
        // Event time: the past date the statement gives, else when it was said (a plan's date is in its text, not its start).
        var validFrom = draft.DatedInPast && date is { } d && d <= today ? RelativeDates.ToInstant(d, message.Timestamp) : message.Timestamp;
        if (!retraction)
        {
            return new CandidateFact(draft.Text, draft.Kind, draft.Confidence, draft.Importance, [message.Id], MemorySource.User, slot, false, validFrom, message.Timestamp);
        }

        var text = draft.Text.StartsWith("Is ", StringComparison.Ordinal)
            ? "Is no longer " + draft.Text[3..]
            : "No longer " + char.ToLowerInvariant(draft.Text[0]) + draft.Text[1..];
        return new CandidateFact(text, MemoryKind.Fact, draft.Confidence, draft.Importance, [message.Id], MemorySource.User, slot, IsRetraction: true, validFrom, message.Timestamp);
    }

    /// <summary>"I no longer eat meat" → ("I eat meat", retraction): the rules then recognise what is being taken back.</summary>
    private static (string Clause, bool Retraction) Positive(string clause)
    {
        Match m;
        if ((m = NoLongerBe().Match(clause)).Success || (m = NotBeAnymore().Match(clause)).Success)
        {
            return ("I'm " + m.Groups["r"].Value, true);
        }

        if ((m = NoLonger().Match(clause)).Success || (m = NotAnymore().Match(clause)).Success)
        {
            return ("I " + m.Groups["r"].Value, true);
        }

        if ((m = Stopped().Match(clause)).Success)
        {
            return ($"I {Stem(m.Groups["verb"].Value)}{m.Groups["r"].Value}", true);
        }

        if ((m = Left().Match(clause)).Success)
        {
            return ("I work at " + m.Groups["org"].Value, true);
        }

        if ((m = MovedAway().Match(clause)).Success)
        {
            return ("I live in " + m.Groups["place"].Value, true);
        }

        return (clause, false);
    }

    private static string Stem(string gerund) => gerund.ToUpperInvariant() switch
    {
        "LIVING" => "live",
        "SMOKING" => "smoke",
        "USING" => "use",
        "RUNNING" => "run",
        "SWIMMING" => "swim",
        "DATING" => "date",
        _ => gerund[..^3],
    };

    [GeneratedRegex(@"\s*;\s*|,?\s+(?:and|but|so|plus|also)\s+(?=(?-i:I\b|I'm\b|I've\b|I'll\b|I'd\b)|[Mm]y\b)|[,:]\s+(?=(?-i:I\b|I'm\b|I've\b|I'll\b|I'd\b)|[Mm]y\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"^(?:(?:well|also|actually|oh|so|btw|by\s+the\s+way|anyway|and|but|hey|hi|hello|yeah|yes|yep|no|nope|ok|okay|sure|honestly|fyi|just\s+so\s+you\s+know|oh\s+and|as\s+you\s+know|fun\s+fact)\b[,!.:]?\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Interjection();

    /// <summary>"I always prefer…", "I usually work…": how often is not part of the statement, so every rule sees plain "I prefer…".</summary>
    [GeneratedRegex(@"^I\s+(?:always|usually|normally|typically|generally|mostly|often|sometimes|actually|now)\s+(?!not\b)", RegexOptions.IgnoreCase)]
    private static partial Regex HabitAdverb();

    [GeneratedRegex(@"^(?:what|how|why|when|where|who|whom|which|can|could|would|should|will|shall|do|does|did|is|are|am|was|were|have|has|tell\s+me|please\s+(?:tell|help|explain|show|find|give|write))\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+no\s+longer\s+(?<r>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoLongerBe();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+not\s+(?<r>.+?)\s+any\s?more$", RegexOptions.IgnoreCase)]
    private static partial Regex NotBeAnymore();

    [GeneratedRegex(@"^I\s+no\s+longer\s+(?<r>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoLonger();

    [GeneratedRegex(@"^I\s+(?:don't|do\s+not)\s+(?<r>.+?)\s+any\s?more$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnymore();

    [GeneratedRegex(@"^I\s+(?:stopped|quit|gave\s+up)\s+(?<verb>\w+ing)\b(?<r>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Stopped();

    [GeneratedRegex(@"^I\s+(?:(?:just|recently)\s+)?(?:left|quit)\s+(?:my\s+job\s+at\s+|working\s+(?:at|for)\s+)?(?<org>(?-i:[A-Z][\w&'-]*)(?:\s+(?-i:[A-Z][\w&'-]*)){0,3})", RegexOptions.IgnoreCase)]
    private static partial Regex Left();

    [GeneratedRegex(@"^I\s+(?:(?:just|recently)\s+)?moved\s+(?:out\s+of|away\s+from)\s+(?<place>(?-i:[A-Z][\w'-]*)(?:\s+(?-i:[A-Z][\w'-]*)){0,3})", RegexOptions.IgnoreCase)]
    private static partial Regex MovedAway();
}
