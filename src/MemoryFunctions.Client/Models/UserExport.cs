namespace MemoryFunctions.Client.Models;

/// <summary>Everything stored about a user (<c>GET /users/{userId}/export</c>).</summary>
public sealed record UserExport(
    string TenantId, string UserId, DateTimeOffset ExportedAt, IReadOnlyList<Memory> Memories, IReadOnlyList<HistoryEvent> History, IReadOnlyList<MemoryOperation> Operations);
