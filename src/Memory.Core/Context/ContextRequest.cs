using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Context;

/// <summary>Ask for a prompt-ready block: the memories most relevant to <paramref name="Query"/>, with summaries, within <paramref name="MaxTokens"/>.</summary>
/// <param name="Filter">What retrieval considers; its <see cref="MemoryFilter.SessionId"/> restricts retrieval to one session.</param>
public sealed record ContextRequest(string Query, MemoryFilter Filter, int MaxTokens, int MaxMemories = 50)
{
    /// <summary>
    /// The session the caller is in: its summary and latest turns head the block. Unlike a session in <see cref="Filter"/>,
    /// it does not restrict retrieval: what was said in earlier sessions is still found.
    /// </summary>
    public string? CurrentSessionId { get; init; }
}
