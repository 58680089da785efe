namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>POST /api/users/{userId}/context</c>.</summary>
public sealed record BuildContextRequest : MemoryFilterFields
{
    public string? Query { get; init; }

    /// <summary>Token budget of the rendered block (estimated at about four characters per token).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>How many ranked memories to consider before the budget cuts (1..MaxTopK, default 50).</summary>
    public int? MaxMemories { get; init; }
}
