using System.Globalization;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// The one rule for conversation turns submitted for ingestion, whichever way they arrive (the REST messages route, an
/// Event Grid event, the MCP <c>remember</c> tool): which turns are acceptable, and how defaults are filled in.
/// Defaults are deterministic (derived from <c>messageIdPrefix</c> and a given time), so a redelivered event or a
/// retried request yields an identical <see cref="IngestionRequest"/>.
/// </summary>
public static partial class TurnRules
{
    public const int MaxTurns = 100;

    public const int MaxContentLength = 8_000;

    /// <summary>
    /// Checks the scope fields and the turns of one submission, then builds the request; the first error names its field
    /// (<c>agentId</c>, <c>sessionId</c>, <c>metadata</c>, <c>messages</c>, <c>messages[i].content</c>, ...).
    /// </summary>
    /// <param name="messageIdPrefix">Turns without an id get <c>{prefix}-{index}</c>.</param>
    /// <param name="defaultTimestamp">The time of turns that carry none.</param>
    public static bool TryCreate(
        IReadOnlyList<TurnDraft?>? turns,
        string? agentId,
        string? sessionId,
        IReadOnlyDictionary<string, MetadataValue>? metadata,
        string messageIdPrefix,
        DateTimeOffset defaultTimestamp,
        out IngestionRequest? request,
        out FieldError? error)
    {
        request = null;
        error = FirstError(turns, agentId, sessionId, metadata);
        if (error is not null)
        {
            return false;
        }

        var messages = new List<ConversationMessage>(turns!.Count);
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i]!;
            messages.Add(new ConversationMessage(
                turn.Id ?? string.Create(CultureInfo.InvariantCulture, $"{messageIdPrefix}-{i}"),
                ParseRole(turn.Role)!.Value,
                turn.Content!,
                turn.Timestamp ?? defaultTimestamp,
                turn.Name?.Trim()));
        }

        request = new IngestionRequest(messages, agentId, sessionId, metadata);
        return true;
    }

    private static FieldError? FirstError(
        IReadOnlyList<TurnDraft?>? turns, string? agentId, string? sessionId, IReadOnlyDictionary<string, MetadataValue>? metadata)
    {
        if (agentId is not null && !IdRules.IsValid(agentId))
        {
            return new("agentId", "agentId must match " + IdRules.Pattern + ".");
        }

        if (sessionId is not null && !IdRules.IsValid(sessionId))
        {
            return new("sessionId", "sessionId must match " + IdRules.Pattern + ".");
        }

        if (metadata is not null && metadata.Keys.Any(string.IsNullOrWhiteSpace))
        {
            return new("metadata", "metadata keys must not be empty.");
        }

        return turns switch
        {
            null or { Count: 0 } => new("messages", "messages must contain at least one message."),
            { Count: > MaxTurns } => new("messages", $"messages must contain at most {MaxTurns} messages."),
            _ => turns.Select(TurnError).FirstOrDefault(error => error is not null),
        };
    }

    private static FieldError? TurnError(TurnDraft? turn, int index) => turn switch
    {
        null => new($"messages[{index}]", $"messages[{index}] must be an object."),
        { Id: { } id } when !IdRules.IsValid(id) => new($"messages[{index}].id", $"messages[{index}].id must match {IdRules.Pattern}."),
        _ when ParseRole(turn.Role) is null => new($"messages[{index}].role", $"messages[{index}].role must be one of user, assistant, system, tool."),
        _ when string.IsNullOrWhiteSpace(turn.Content) => new($"messages[{index}].content", $"messages[{index}].content must not be empty."),
        _ when TextRules.HasControlCharacters(turn.Content!) => new(
            $"messages[{index}].content", $"messages[{index}].content must not contain control characters other than tabs and line breaks."),
        _ when turn.Content!.Length > MaxContentLength => new(
            $"messages[{index}].content", $"messages[{index}].content must be at most {MaxContentLength} characters."),
        { Name: { } name } when !NamePattern().IsMatch(name.Trim()) => new(
            $"messages[{index}].name", $"messages[{index}].name must be a person's name: 1 to 64 letters, digits, spaces, dots, apostrophes or hyphens, starting with a letter."),
        _ => null,
    };

    private static MessageRole? ParseRole(string? role) => role?.ToUpperInvariant() switch
    {
        "USER" => MessageRole.User,
        "ASSISTANT" => MessageRole.Assistant,
        "SYSTEM" => MessageRole.System,
        "TOOL" => MessageRole.Tool,
        _ => null,
    };

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M}\p{N} .'-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
