using MemoryFunctions.Core.Domain;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

internal static class CosmosPartitionKeys
{
    /// <summary>The full hierarchical key [tenantId, userId]: every call lands in exactly one logical partition (no fan-out, lowest RU).</summary>
    public static PartitionKey For(MemoryPartition partition) =>
        new PartitionKeyBuilder().Add(partition.TenantId).Add(partition.UserId).Build();

    /// <summary>The tenant alone, a prefix of the hierarchical key: a query with it reads the tenant's partitions and no other's.</summary>
    public static PartitionKey ForTenant(string tenantId) => new PartitionKeyBuilder().Add(tenantId).Build();
}
