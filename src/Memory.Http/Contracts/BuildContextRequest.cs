namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// Body of <c>POST /api/users/{userId}/context</c>. Its <see cref="MemoryFilterFields.SessionId"/> names the caller's
/// current session (its summary and latest turns head the block) and does not restrict retrieval, unlike on search;
/// <see cref="RestrictToSessionId"/> does that.
/// </summary>
public sealed record BuildContextRequest : MemoryFilterFields
{
    /// <summary>Only memories of this session are retrieved (what <c>sessionId</c> did on this route before 6 Dec 2026).</summary>
    public string? RestrictToSessionId { get; init; }

    public string? Query { get; init; }

    /// <summary>Token budget of the rendered block, counted with the o200k_base tokenizer (<c>Memory:Tokens:Encoding</c>).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>How many ranked memories to consider before the budget cuts (1..MaxTopK; default one per 10 tokens of the budget, 50 to 100, at most MaxTopK).</summary>
    public int? MaxMemories { get; init; }
}
