using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// An asynchronous ingestion, persisted before the 202 is sent so that an acknowledged request is never lost:
/// the request itself is part of the record, which lets a restarted runner resume it.
/// </summary>
public sealed record MemoryOperation
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public OperationStatus Status { get; init; } = OperationStatus.Queued;

    public required IngestionRequest Request { get; init; }

    public string? IdempotencyKey { get; init; }

    public OperationProgress? Progress { get; init; }

    public IReadOnlyList<AppliedDecision> Decisions { get; init; } = [];

    public OperationError? Error { get; init; }

    public TokenUsage Usage { get; init; } = TokenUsage.None;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string ETag { get; init; } = string.Empty;

    public MemoryPartition Partition => new(TenantId, UserId);

    public bool IsFinished => Status is OperationStatus.Succeeded or OperationStatus.Failed;
}
