using System.Globalization;
using System.Text.RegularExpressions;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

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
        out string? reason)
    {
        partition = default;
        request = null;
        reason = FirstError(data);
        if (reason is not null)
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
                message.Timestamp ?? defaultTimestamp));
        }

        partition = new MemoryPartition(data.TenantId ?? ConversationEventLimits.DefaultTenantId, data.UserId!);
        request = new IngestionRequest(messages, data.AgentId, data.SessionId, data.Metadata);
        return true;
    }

    internal static string? FirstError(ConversationEventData data)
    {
        if (data.TenantId is not null && !IsValidId(data.TenantId))
        {
            return "tenantId must match ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$.";
        }

        if (data.UserId is null)
        {
            return "userId is required.";
        }

        if (!IsValidId(data.UserId))
        {
            return "userId must match ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$.";
        }

        if (data.AgentId is not null && !IsValidId(data.AgentId))
        {
            return "agentId must match ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$.";
        }

        if (data.SessionId is not null && !IsValidId(data.SessionId))
        {
            return "sessionId must match ^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$.";
        }

        if (data.Metadata is not null && data.Metadata.Keys.Any(string.IsNullOrWhiteSpace))
        {
            return "metadata keys must not be empty.";
        }

        return data.Messages switch
        {
            null or { Count: 0 } => "messages must contain at least one message.",
            { Count: > ConversationEventLimits.MaxMessages } => $"messages must contain at most {ConversationEventLimits.MaxMessages} messages.",
            _ => data.Messages.Select(MessageError).FirstOrDefault(error => error is not null),
        };
    }

    private static string? MessageError(ConversationEventMessage? message, int index) => message switch
    {
        null => $"messages[{index}] must be an object.",
        { Id: { } id } when !IsValidId(id) => $"messages[{index}].id must match ^[A-Za-z0-9][A-Za-z0-9._@-]{{0,127}}$.",
        _ when ParseRole(message.Role) is null => $"messages[{index}].role must be one of user, assistant, system, tool.",
        _ when string.IsNullOrWhiteSpace(message.Content) => $"messages[{index}].content must not be empty.",
        _ when message.Content!.Length > ConversationEventLimits.MaxContentLength =>
            $"messages[{index}].content must be at most {ConversationEventLimits.MaxContentLength} characters.",
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

    private static bool IsValidId(string value) => IdPattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
