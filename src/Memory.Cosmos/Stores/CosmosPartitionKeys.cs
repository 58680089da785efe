using MemoryFunctions.Core.Domain;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

internal static class CosmosPartitionKeys
{
    /// <summary>The full hierarchical key [tenantId, userId]: every call lands in exactly one logical partition (no fan-out, lowest RU).</summary>
    public static PartitionKey For(MemoryPartition partition) =>
        new PartitionKeyBuilder().Add(partition.TenantId).Add(partition.UserId).Build();

    /// <summary>
    /// The prefix [tenantId] of the hierarchical key, for queries over one tenant's users. The SDK turns a key with fewer
    /// components than the container's paths into the effective-partition-key range of that prefix and sends the query only to
    /// the physical partitions that range overlaps (RequestInvokerHandler.ResolveFeedRangeBasedOnPrefixContainerAsync), so it
    /// fans out over the tenant's partitions, never the whole container. Queries only: a point operation needs the full key.
    /// </summary>
    public static PartitionKey ForTenant(string tenantId) => new PartitionKeyBuilder().Add(tenantId).Build();
}
