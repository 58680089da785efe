namespace MemoryFunctions.Http.Contracts;

/// <summary>Everything stored about one user: memories (superseded ones and embeddings included), history, operations.</summary>
public sealed record UserExportResponse(
    string TenantId,
    string UserId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<MemoryResponse> Memories,
    IReadOnlyList<HistoryEventResponse> History,
    IReadOnlyList<OperationResponse> Operations);
