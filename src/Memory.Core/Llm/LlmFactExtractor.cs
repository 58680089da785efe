using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// Extracts candidate facts with a chat model (prompt <c>extract.v1</c>, JSON-schema output). Messages are shown under
/// numbers with role and UTC timestamp so the model can attribute facts and resolve relative dates; the numbers are
/// mapped back to message ids here, and a fact the model attributes to the user must cite a user message.
/// </summary>
public sealed class LlmFactExtractor(IChatClient chatClient, ILogger<LlmFactExtractor> logger) : IFactExtractor
{
    private const int MaxOutputTokens = 2048;

    public async Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // System and tool turns are the agent's plumbing, not conversation: neither is evidence about the user.
        var shown = request.Messages
            .Where(m => m.Role is MessageRole.User or MessageRole.Assistant && !string.IsNullOrWhiteSpace(m.Content))
            .ToList();
        if (shown.Count == 0)
        {
            return new ExtractionResult([], Operations.TokenUsage.None);
        }

        var response = await StructuredChat.GetAsync<ExtractionOutput>(
            chatClient,
            PromptLibrary.Extract,
            BuildUserMessage(shown),
            new ChatOptions { MaxOutputTokens = MaxOutputTokens },
            logger,
            check: output => Check(output, shown),
            cancellationToken: cancellationToken);

        var facts = response.Value.Facts.Select(fact => ToCandidate(fact, shown)).ToList();
        Log.LlmFactsExtracted(logger, facts.Count, shown.Count);
        return new ExtractionResult(facts, response.Usage);
    }

    internal static string BuildUserMessage(IReadOnlyList<ConversationMessage> messages)
    {
        var builder = new StringBuilder("Conversation (number, role, UTC timestamp and weekday, then the text):\n");
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var at = message.Timestamp.ToUniversalTime();
            var role = message.Role == MessageRole.User ? "user" : "assistant";
            builder.Append(CultureInfo.InvariantCulture, $"\n[{i + 1}] {(message.Speaker is { } name ? $"{role} {name}" : role)} ")
                .Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-ddTHH:mm:ssZ} ({at.DayOfWeek})\n")
                .Append(message.Content.Trim())
                .Append('\n');
        }

        return builder.ToString();
    }

    private static List<string> Check(ExtractionOutput output, List<ConversationMessage> shown)
    {
        var errors = new List<string>();
        for (var i = 0; i < output.Facts.Count; i++)
        {
            var fact = output.Facts[i];
            var path = $"$.facts[{i}]";
            if (string.IsNullOrWhiteSpace(fact.Text))
            {
                errors.Add($"{path}.text: must not be empty");
            }

            if (fact.Confidence is < 0 or > 1 || fact.Importance is < 0 or > 1)
            {
                errors.Add($"{path}: confidence and importance must be between 0 and 1");
            }

            if (fact.Messages.Count == 0 || fact.Messages.Any(n => n < 1 || n > shown.Count))
            {
                errors.Add($"{path}.messages: must list message numbers between 1 and {shown.Count}");
            }
            else if (fact.Source == "user" && fact.Messages.All(n => shown[n - 1].Role != MessageRole.User))
            {
                errors.Add($"{path}: a fact with source 'user' must come from a user message, not from the assistant's text");
            }

            if (fact.ValidFrom is not null && !TryParseDate(fact.ValidFrom, out _))
            {
                errors.Add($"{path}.validFrom: must be an ISO 8601 date (YYYY-MM-DD) or null");
            }
        }

        return errors;
    }

    private static CandidateFact ToCandidate(ExtractedFactOutput fact, List<ConversationMessage> shown)
    {
        var sources = fact.Messages.Distinct().Order().Select(n => shown[n - 1]).ToList();
        DateTimeOffset? saidAt = sources.Count > 0 ? sources.Max(m => m.Timestamp) : null;
        return ToCandidate(fact, sources, saidAt);
    }

    private static CandidateFact ToCandidate(ExtractedFactOutput fact, List<ConversationMessage> sources, DateTimeOffset? saidAt) => new(
        Text: fact.Text.Trim(),
        Kind: fact.Kind switch
        {
            "preference" => MemoryKind.Preference,
            "episodic" => MemoryKind.Episodic,
            "procedural" => MemoryKind.Procedural,
            _ => MemoryKind.Fact,
        },
        Confidence: fact.Confidence,
        Importance: fact.Importance,
        SourceMessageIds: sources.Select(m => m.Id).ToList(),
        Source: fact.Source == "agent" ? MemorySource.Agent : MemorySource.User,
        Slot: string.IsNullOrWhiteSpace(fact.Slot) ? null : fact.Slot.Trim().ToLowerInvariant(),
        IsRetraction: fact.IsRetraction,
        // Undated facts take the time they were said: event time, never the ingestion clock.
        ValidFrom: fact.ValidFrom is not null && TryParseDate(fact.ValidFrom, out var validFrom) ? validFrom : saidAt,
        SaidAt: saidAt);

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
