using MemoryFunctions.Core.Audit;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// What an erase operation carries: the audit record it completes when it really ends (written as started before the
/// erase was acknowledged) and, once counted, how much of the user it removes. No user content, only ids and counts.
/// </summary>
/// <param name="Audit">The started record; the erase's last step replaces it with the outcome.</param>
/// <param name="MemoriesErased">Memories of the erased epochs, counted when deletion began; null before.</param>
/// <param name="OperationsErased">Ingestion operations of the erased epochs, counted with the memories.</param>
/// <param name="InstancesLeft">Workflow instances (Durable history) that could not be purged; 0 when all were, null where the host has none.</param>
public sealed record OperationErasure(AuditRecord Audit, int? MemoriesErased = null, int? OperationsErased = null, int? InstancesLeft = null);
