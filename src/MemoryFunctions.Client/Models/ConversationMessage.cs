namespace MemoryFunctions.Client.Models;

/// <summary>One conversation turn to ingest. Role: <c>user</c>, <c>assistant</c>, <c>system</c> or <c>tool</c>.</summary>
public sealed record ConversationMessage(string Role, string Content)
{
    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
