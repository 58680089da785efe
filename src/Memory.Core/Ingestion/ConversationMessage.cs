namespace MemoryFunctions.Core.Ingestion;

/// <summary>One conversation turn. Id and timestamp are always set by the time a workflow sees it (defaults assigned at intake).</summary>
public sealed record ConversationMessage(string Id, MessageRole Role, string Content, DateTimeOffset Timestamp);
