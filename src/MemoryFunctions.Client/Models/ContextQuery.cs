namespace MemoryFunctions.Client.Models;

/// <summary><c>POST /users/{userId}/context</c>: a prompt-ready block within a token budget.</summary>
public sealed record ContextQuery(string Query) : MemoryFilter
{
    public int? MaxTokens { get; init; }

    public int? MaxMemories { get; init; }
}
