namespace MemoryFunctions.Core.Domain;

/// <summary>An audit entry: what happened to a memory, its text before and after, when, why and by whom.</summary>
public sealed record HistoryEvent
{
    public required string Id { get; init; }

    public required string MemoryId { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public required HistoryOperation Operation { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? OperationId { get; init; }

    /// <summary>"api", "workflow" or a caller-supplied actor.</summary>
    public required string Actor { get; init; }

    public string? Reason { get; init; }
}
