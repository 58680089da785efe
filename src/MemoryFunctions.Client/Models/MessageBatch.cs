namespace MemoryFunctions.Client.Models;

/// <summary><c>POST /users/{userId}/messages</c>: turns to extract memories from, asynchronously.</summary>
public sealed record MessageBatch(IReadOnlyList<ConversationMessage> Messages)
{
    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyDictionary<string, object>? Metadata { get; init; }
}
