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
}
