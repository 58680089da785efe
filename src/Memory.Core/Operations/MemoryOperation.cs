using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// An asynchronous operation, persisted before the 202 is sent so that an acknowledged request is never lost: an
/// ingestion (the request itself is part of the record, which lets a restarted runner resume it) or the background part
/// of a user's erase (<see cref="OperationKind.Erase"/>, with <see cref="Erasure"/>).
/// </summary>
public sealed record MemoryOperation
{
    public const string ProblemTypeUserErased = "urn:memoryfunctions:problem:user-erased";

    /// <summary>An erase operation that could not delete everything (the user's data is hidden from every read all the same).</summary>
    public const string ProblemTypeEraseIncomplete = "urn:memoryfunctions:problem:erase-incomplete";

    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public OperationKind Kind { get; init; } = OperationKind.Ingestion;

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

    /// <summary>The erase's audit record and counts; set on <see cref="OperationKind.Erase"/> operations only.</summary>
    public OperationErasure? Erasure { get; init; }

    /// <summary>
    /// The partition epoch the operation began in. The operation store refuses to create or update it once the partition's
    /// epoch has moved on (the user was erased), and its workflow fences every memory write with it.
    /// </summary>
    public long Epoch { get; init; }

    /// <summary>Where the completion callback stands, on a host that keeps it with the operation (<see cref="ICallbackBacklog"/>).</summary>
    public CallbackDelivery? Callback { get; init; }

    public MemoryPartition Partition => new(TenantId, UserId);

    public bool IsFinished => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Cancelled;

    /// <summary>Finished, asked for a callback, and the callback is not settled yet: a delivery is still owed.</summary>
    public bool AwaitsCallback => IsFinished && Request.CallbackUrl is not null && Callback?.IsSettled != true;

    /// <summary>
    /// Whether a later erase ends this operation (and the store refuses its writes once the epoch moved on). An ingestion
    /// holds the user's conversation, so it does; an erase holds none (ids and counts), stays as the user's record that the
    /// erase happened, and a second erase while the first still deletes must not keep the first from recording how it ended.
    /// </summary>
    public bool EndsWithErase => Kind == OperationKind.Ingestion;

    /// <summary>
    /// How this operation reads once its user was erased after it began (its <see cref="Epoch"/> is older than the
    /// partition's), whether or not the store has deleted it yet: what <see cref="EndedByErase"/> leaves of it, and an
    /// existing stub as it is.
    /// </summary>
    public MemoryOperation? SeenAfterErase() => Error?.Type == ProblemTypeUserErased ? this : EndedByErase();

    /// <summary>
    /// What an erase leaves of this operation: an erase operation as it is (see <see cref="EndsWithErase"/>); null for a
    /// finished ingestion (it goes with the user's data); and for an unfinished one a stub without the request, the
    /// decisions or the idempotency key (the key goes with the user), cancelled with an error saying why, so a caller
    /// polling it learns that it ended. Every store applies this one rule.
    /// </summary>
    public MemoryOperation? EndedByErase() => !EndsWithErase ? this : IsFinished ? null : this with
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
