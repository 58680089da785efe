namespace MemoryFunctions.Core.Ingestion;

/// <summary>
/// One conversation turn. Id and timestamp are always set by the time a workflow sees it (defaults assigned at intake).
/// </summary>
/// <param name="Speaker">
/// The name of the person who said it, when the conversation is between named people (as chat exports carry): facts
/// from the turn are then about that person, and a turn of another role with a name is a person too, not an assistant.
/// </param>
public sealed record ConversationMessage(string Id, MessageRole Role, string Content, DateTimeOffset Timestamp, string? Speaker = null);
