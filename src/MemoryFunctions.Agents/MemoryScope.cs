namespace MemoryFunctions.Agents;

/// <summary>
/// Whose memories an agent session reads and writes: the user (required), and optionally the agent and the conversation.
/// A null <see cref="SessionId"/> gets a new id per agent session, so each conversation keeps its own running summary.
/// </summary>
public sealed record MemoryScope(string UserId)
{
    public string? AgentId { get; init; }

    public string? SessionId { get; init; }
}
