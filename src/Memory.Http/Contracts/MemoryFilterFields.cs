using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// The filter fields that search and context bodies share, declared once: one validator and one mapping serve both.
/// Abstract and designed for inheritance by the two request records only.
/// </summary>
public abstract record MemoryFilterFields
{
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
