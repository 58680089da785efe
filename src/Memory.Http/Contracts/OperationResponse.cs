using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Http.Contracts;

/// <summary>An ingestion operation as the API returns it (export today; the operation status route reuses it).</summary>
public sealed record OperationResponse(
    string Id,
    OperationStatus Status,
    IngestionRequest Request,
    string? IdempotencyKey,
    OperationProgress? Progress,
    IReadOnlyList<AppliedDecision> Decisions,
    IngestionTruncation? Truncation,
    OperationError? Error,
    TokenUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OperationResponse From(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(
            operation.Id,
            operation.Status,
            operation.Request,
            operation.IdempotencyKey,
            operation.Progress,
            operation.Decisions,
            operation.Truncation,
            operation.Error,
            operation.Usage,
            operation.CreatedAt,
            operation.UpdatedAt);
    }
}
