namespace MemoryFunctions.Http.Contracts;

/// <summary>
/// Everything stored about one user: memories (superseded ones, embeddings and the kept-turn fields included; expired ones
/// left out), history, operations. A copy, not an import file: an import line is a <c>POST /memories</c> body.
/// </summary>
public sealed record UserExportResponse(
    string TenantId,
    string UserId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<MemoryResponse> Memories,
    IReadOnlyList<HistoryEventResponse> History,
    IReadOnlyList<OperationResponse> Operations);
