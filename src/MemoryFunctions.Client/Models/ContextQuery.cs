namespace MemoryFunctions.Client.Models;

/// <summary>
/// <c>POST /users/{userId}/context</c>: a prompt-ready block within a token budget. Here <see cref="MemoryFilter.SessionId"/>
/// names the current session (its summary and latest turns head the block) without restricting retrieval;
/// <see cref="RestrictToSessionId"/> restricts it.
/// </summary>
public sealed record ContextQuery(string Query) : MemoryFilter
{
    public string? RestrictToSessionId { get; init; }

    public int? MaxTokens { get; init; }

    public int? MaxMemories { get; init; }
}
