using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Services;

/// <summary>Everything retained about one user: memories (superseded ones included, expired ones not), their history and ingestion operations.</summary>
public sealed record UserExport(
    string TenantId,
    string UserId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<MemoryRecord> Memories,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<MemoryOperation> Operations);
