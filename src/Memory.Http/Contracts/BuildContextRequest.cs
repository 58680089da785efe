using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>Body of <c>POST /api/users/{userId}/context</c>.</summary>
public sealed record BuildContextRequest : IMemoryFilterFields
{
    public string? Query { get; init; }

    /// <summary>Token budget of the rendered block (estimated at about four characters per token).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>How many ranked memories to consider before the budget cuts (1..MaxTopK, default 50).</summary>
    public int? MaxMemories { get; init; }

    public List<MemoryKind>? Kinds { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public List<string>? Tags { get; init; }

    public Dictionary<string, MetadataValue>? Metadata { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public bool? IncludeSuperseded { get; init; }
}
