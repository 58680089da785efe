using MemoryFunctions.Core.Domain;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

internal static class CosmosPartitionKeys
{
    /// <summary>The full hierarchical key [tenantId, userId]: every call lands in exactly one logical partition (no fan-out, lowest RU).</summary>
    public static PartitionKey For(MemoryPartition partition) =>
        new PartitionKeyBuilder().Add(partition.TenantId).Add(partition.UserId).Build();
}
