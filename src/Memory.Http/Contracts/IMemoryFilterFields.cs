using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>The filter fields search and context share, so one validator and one mapping serve both.</summary>
public interface IMemoryFilterFields
{
    List<MemoryKind>? Kinds { get; }

    string? AgentId { get; }

    string? SessionId { get; }

    List<string>? Tags { get; }

    Dictionary<string, MetadataValue>? Metadata { get; }

    DateTimeOffset? CreatedFrom { get; }

    DateTimeOffset? CreatedTo { get; }

    DateTimeOffset? AsOf { get; }

    bool? IncludeSuperseded { get; }
}
