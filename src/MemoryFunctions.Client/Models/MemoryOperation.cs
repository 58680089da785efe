namespace MemoryFunctions.Client.Models;

/// <summary>
/// An operation: an ingestion (<see cref="Decisions"/> say what happened to each extracted fact) or a user's erase going
/// on in the background (<see cref="Kind"/> <c>erase</c>, counts in <see cref="Erasure"/>).
/// </summary>
public sealed record MemoryOperation
{
    public required string Id { get; init; }

    /// <summary><c>ingestion</c> or <c>erase</c>.</summary>
    public string Kind { get; init; } = "ingestion";

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    public string? IdempotencyKey { get; init; }

    public OperationProgress? Progress { get; init; }

    public IReadOnlyList<OperationDecision> Decisions { get; init; } = [];

    /// <summary>Null unless the server's caps left facts or decisions out; see docs/api.md.</summary>
    public OperationTruncation? Truncation { get; init; }

    public OperationError? Error { get; init; }

    public TokenUsage? Usage { get; init; }

    /// <summary>An erase operation's counts; null on ingestions.</summary>
    public OperationErasure? Erasure { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True once the status can no longer change.</summary>
    public bool IsFinished => Status is not ("queued" or "running");
}
