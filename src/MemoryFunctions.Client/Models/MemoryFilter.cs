namespace MemoryFunctions.Client.Models;

/// <summary>The filters search and context share.</summary>
public abstract record MemoryFilter
{
    public IReadOnlyList<string>? Kinds { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyDictionary<string, object>? Metadata { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public bool? IncludeSuperseded { get; init; }
}
