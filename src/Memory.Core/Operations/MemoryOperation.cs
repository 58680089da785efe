using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// An asynchronous ingestion, persisted before the 202 is sent so that an acknowledged request is never lost:
/// the request itself is part of the record, which lets a restarted runner resume it.
/// </summary>
public sealed record MemoryOperation
{
    public const string ProblemTypeUserErased = "urn:memoryfunctions:problem:user-erased";

    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public OperationStatus Status { get; init; } = OperationStatus.Queued;

    public required IngestionRequest Request { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>Fingerprint of the request the idempotency key was first used with: the same key with another body is refused.</summary>
    public string? RequestFingerprint { get; init; }

    public OperationProgress? Progress { get; init; }

    public IReadOnlyList<AppliedDecision> Decisions { get; init; } = [];

    /// <summary>What the operation left out to stay within its caps; null when nothing was.</summary>
    public IngestionTruncation? Truncation { get; init; }

    public OperationError? Error { get; init; }

    public TokenUsage Usage { get; init; } = TokenUsage.None;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string ETag { get; init; } = string.Empty;

    /// <summary>
    /// The partition epoch the operation began in. The operation store refuses to create or update it once the partition's
    /// epoch has moved on (the user was erased), and its workflow fences every memory write with it.
    /// </summary>
    public long Epoch { get; init; }

    public MemoryPartition Partition => new(TenantId, UserId);

    public bool IsFinished => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Cancelled;

    /// <summary>
    /// What an erase leaves of this operation: null for a finished one (it goes with the user's data), and for an unfinished
    /// one a stub without the request, the decisions or the idempotency key (the key goes with the user), cancelled with an
    /// error saying why, so a caller polling it learns that it ended. Every store applies this one rule.
    /// </summary>
    public MemoryOperation? EndedByErase() => IsFinished ? null : this with
    {
        Status = OperationStatus.Cancelled,
        Request = new IngestionRequest([]),
        IdempotencyKey = null,
        RequestFingerprint = null,
        Progress = null,
        Decisions = [],
        Truncation = null,
        Usage = TokenUsage.None,
        Error = new OperationError(
            ProblemTypeUserErased,
            "User erased",
            "The user was erased while this operation was queued or running; it stopped, and nothing it wrote remains."),
    };
}
