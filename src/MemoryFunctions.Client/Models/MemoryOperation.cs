namespace MemoryFunctions.Client.Models;

/// <summary>An ingestion operation. <see cref="Decisions"/> say what happened to each extracted fact.</summary>
public sealed record MemoryOperation
{
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; init; }

    public string? IdempotencyKey { get; init; }

    public OperationProgress? Progress { get; init; }

    public IReadOnlyList<OperationDecision> Decisions { get; init; } = [];

    /// <summary>Null unless the server's caps left facts or decisions out; see docs/api.md.</summary>
    public OperationTruncation? Truncation { get; init; }

    public OperationError? Error { get; init; }

    public TokenUsage? Usage { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True once the status can no longer change.</summary>
    public bool IsFinished => Status is not ("queued" or "running");
}
