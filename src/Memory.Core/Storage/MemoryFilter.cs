using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// Which memories of one partition a list or search considers. Every store applies exactly these semantics
/// (the shared conformance suite checks it), the embedded one through <see cref="Matches"/>, Cosmos DB as SQL.
/// </summary>
public sealed record MemoryFilter
{
    /// <summary>The point in time at which validity and expiry are judged: the request's <c>asOf</c>, else now.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Include memories whose <see cref="MemoryRecord.ValidTo"/> has passed (superseded or retracted).</summary>
    public bool IncludeSuperseded { get; init; }

    /// <summary>Any of these kinds; null or empty means all kinds.</summary>
    public IReadOnlyList<MemoryKind>? Kinds { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>Every one of these tags must be present.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Every key must be present with an equal value.</summary>
    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; init; }

    /// <summary>Inclusive lower bound on <see cref="MemoryRecord.CreatedAt"/>.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Exclusive upper bound on <see cref="MemoryRecord.CreatedAt"/>.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    public bool Matches(MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return memory.IsVisibleAt(At, IncludeSuperseded)
            && (Kinds is not { Count: > 0 } || Kinds.Contains(memory.Kind))
            && (AgentId is null || string.Equals(AgentId, memory.AgentId, StringComparison.Ordinal))
            && (SessionId is null || string.Equals(SessionId, memory.SessionId, StringComparison.Ordinal))
            && (CreatedFrom is null || memory.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || memory.CreatedAt < CreatedTo)
            && HasAllTags(memory)
            && HasAllMetadata(memory);
    }

    private bool HasAllTags(MemoryRecord memory) =>
        Tags is null || Tags.All(tag => memory.Tags.Contains(tag, StringComparer.Ordinal));

    private bool HasAllMetadata(MemoryRecord memory) =>
        Metadata is null || Metadata.All(pair => memory.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
