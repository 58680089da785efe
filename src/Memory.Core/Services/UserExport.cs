using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Services;

/// <summary>Everything stored about one user: memories (superseded ones included), their history and ingestion operations.</summary>
public sealed record UserExport(
    string TenantId,
    string UserId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<MemoryRecord> Memories,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<MemoryOperation> Operations);
