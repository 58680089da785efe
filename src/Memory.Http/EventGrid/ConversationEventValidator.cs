using System.Globalization;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Validation;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// Turns the data of a conversation event into an <see cref="IngestionRequest"/>, or names the first field that is
/// wrong. Defaults are deterministic (derived from the event), so a redelivered event yields an identical request.
/// </summary>
internal static partial class ConversationEventValidator
{
    public static bool TryCreate(
        ConversationEventData data,
        string idempotencyKey,
        DateTimeOffset defaultTimestamp,
        out MemoryPartition partition,
        out IngestionRequest? request,
        out ConversationFieldError? error)
    {
        partition = default;
        request = null;
        error = FirstError(data);
        if (error is not null)
        {
            return false;
        }

        var messages = new List<ConversationMessage>(data.Messages!.Count);
        for (var i = 0; i < data.Messages.Count; i++)
        {
            var message = data.Messages[i]!;
            messages.Add(new ConversationMessage(
                message.Id ?? string.Create(CultureInfo.InvariantCulture, $"{idempotencyKey}-{i}"),
                ParseRole(message.Role)!.Value,
                message.Content!,
                message.Timestamp ?? defaultTimestamp,
                message.Name?.Trim()));
        }

        partition = new MemoryPartition(data.TenantId ?? ConversationEventLimits.DefaultTenantId, data.UserId!);
        request = new IngestionRequest(messages, data.AgentId, data.SessionId, data.Metadata);
        return true;
    }

    internal static ConversationFieldError? FirstError(ConversationEventData data)
    {
        if (data.TenantId is not null && !IdRules.IsValid(data.TenantId))
        {
            return new("tenantId", "tenantId must match " + IdRules.Pattern + ".");
        }

        if (data.UserId is null)
        {
            return new("userId", "userId is required.");
        }

        if (!IdRules.IsValid(data.UserId))
        {
            return new("userId", "userId must match " + IdRules.Pattern + ".");
        }

        // On the REST routes 'me' means the caller's own user, so data stored under the literal id could never be
        // exported or erased by an admin.
        if (string.Equals(data.UserId, RequestScope.SelfAlias, StringComparison.Ordinal))
        {
            return new("userId", $"userId '{RequestScope.SelfAlias}' is reserved (the routes read it as the caller's own user); name the user.");
        }

        if (data.AgentId is not null && !IdRules.IsValid(data.AgentId))
        {
            return new("agentId", "agentId must match " + IdRules.Pattern + ".");
        }

        if (data.SessionId is not null && !IdRules.IsValid(data.SessionId))
        {
            return new("sessionId", "sessionId must match " + IdRules.Pattern + ".");
        }

        if (data.Metadata is not null && data.Metadata.Keys.Any(string.IsNullOrWhiteSpace))
        {
            return new("metadata", "metadata keys must not be empty.");
        }

        return data.Messages switch
        {
            null or { Count: 0 } => new("messages", "messages must contain at least one message."),
            { Count: > ConversationEventLimits.MaxMessages } => new("messages", $"messages must contain at most {ConversationEventLimits.MaxMessages} messages."),
            _ => data.Messages.Select(MessageError).FirstOrDefault(error => error is not null),
        };
    }

    private static ConversationFieldError? MessageError(ConversationEventMessage? message, int index) => message switch
    {
        null => new($"messages[{index}]", $"messages[{index}] must be an object."),
        { Id: { } id } when !IdRules.IsValid(id) => new($"messages[{index}].id", $"messages[{index}].id must match {IdRules.Pattern}."),
        _ when ParseRole(message.Role) is null => new($"messages[{index}].role", $"messages[{index}].role must be one of user, assistant, system, tool."),
        _ when string.IsNullOrWhiteSpace(message.Content) => new($"messages[{index}].content", $"messages[{index}].content must not be empty."),
        _ when Validation.FieldRules.HasControlCharacters(message.Content!) => new(
            $"messages[{index}].content", $"messages[{index}].content must not contain control characters other than tabs and line breaks."),
        _ when message.Content!.Length > ConversationEventLimits.MaxContentLength => new(
            $"messages[{index}].content", $"messages[{index}].content must be at most {ConversationEventLimits.MaxContentLength} characters."),
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
