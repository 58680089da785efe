using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>One turn inside <see cref="ConversationEventData"/>; id and timestamp are defaulted deterministically when absent.</summary>
public sealed record ConversationEventMessage
{
    public string? Id { get; init; }

    public string? Role { get; init; }

    public string? Content { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The speaker's name when the conversation is between named people (the chat-format "name" field).</summary>
    public string? Name { get; init; }

    /// <summary>The turn for Core's <see cref="TurnRules"/>, the one rule every way of submitting turns shares.</summary>
    public static IReadOnlyList<TurnDraft?>? ToDrafts(IReadOnlyList<ConversationEventMessage?>? messages) =>
        messages?.Select(message => message is null ? null : new TurnDraft(message.Id, message.Role, message.Content, message.Timestamp, message.Name)).ToList();
}
