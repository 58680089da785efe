namespace MemoryFunctions.Core.Domain;

/// <summary>
/// The isolation boundary: one user of one tenant. Every store call is scoped to exactly one partition,
/// which maps to one logical partition (hierarchical key <c>[/tenantId, /userId]</c>) in Cosmos DB.
/// </summary>
public readonly record struct MemoryPartition(string TenantId, string UserId)
{
    public override string ToString() => $"{TenantId}/{UserId}";
}
