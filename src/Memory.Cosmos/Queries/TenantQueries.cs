using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// Queries over one tenant's users, run with the tenant prefix of the hierarchical key (<see cref="Stores.CosmosPartitionKeys.ForTenant"/>):
/// the SDK sends them to the physical partitions holding that tenant only. Each is served by the range index on
/// <c>type</c> (and <c>status</c>); a COUNT is summed over those partitions by the SDK (aggregate query plan).
/// </summary>
internal static class TenantQueries
{
    /// <summary>
    /// An epoch document whose partition holds data: written since it was created or last erased
    /// (<see cref="Documents.EpochDocument.HoldsData"/>). An epoch document older than that field counts unless an erase
    /// stamped it: that is what it meant before.
    /// </summary>
    public const string UserHoldsData = "c.type = 'epoch' AND (c.holdsData = true OR (NOT IS_DEFINED(c.holdsData) AND NOT IS_DEFINED(c.erasedAt)))";

    /// <summary>The tenant's users: one epoch document each (never a DISTINCT over memories, whose cost grows with the memories).</summary>
    public static QueryDefinition CountUsers() => new($"SELECT VALUE COUNT(1) FROM c WHERE {UserHoldsData}");

    /// <summary>
    /// The tenant's users in user-id order after <paramref name="afterUserId"/> (null: from the first): the same rule as
    /// <see cref="CountUsers"/>, so the list and the count agree; the range index on <c>userId</c> serves the order.
    /// </summary>
    public static QueryDefinition ListUsers(string? afterUserId) =>
        afterUserId is null
            ? new QueryDefinition($"SELECT VALUE c.userId FROM c WHERE {UserHoldsData} ORDER BY c.userId")
            : new QueryDefinition($"SELECT VALUE c.userId FROM c WHERE {UserHoldsData} AND c.userId > @after ORDER BY c.userId").WithParameter("@after", afterUserId);

    /// <summary>
    /// The tenant's memory documents, superseded ones included: what it stores. Memories of an erased epoch count until the
    /// background erase has deleted them, and expired ones until Cosmos DB's TTL has.
    /// </summary>
    public static QueryDefinition CountMemories() => new("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'memory'");

    /// <summary>The tenant's operations queued or running (ingestions and erases).</summary>
    public static QueryDefinition CountUnfinishedOperations() => new("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'operation' AND c.status IN ('queued', 'running')");
}
