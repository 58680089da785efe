using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// An operation as the API returns it (the status route, the 202 of a submission or an erase, export): an ingestion with its
/// request and decisions, or an erase (<see cref="Kind"/> <c>erase</c>, no request) with its counts in <see cref="Erasure"/>.
/// </summary>
public sealed record OperationResponse(
    string Id,
    OperationKind Kind,
    OperationStatus Status,
    IngestionRequest? Request,
    string? IdempotencyKey,
    OperationProgress? Progress,
    IReadOnlyList<AppliedDecision> Decisions,
    IngestionTruncation? Truncation,
    OperationError? Error,
    TokenUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    OperationErasureResponse? Erasure = null)
{
    public static OperationResponse From(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(
            operation.Id,
            operation.Kind,
            operation.Status,
            operation.Kind == OperationKind.Erase ? null : operation.Request,
            operation.IdempotencyKey,
            operation.Progress,
            operation.Decisions,
            operation.Truncation,
            operation.Error,
            operation.Usage,
            operation.CreatedAt,
            operation.UpdatedAt,
            OperationErasureResponse.From(operation.Erasure));
    }
}
