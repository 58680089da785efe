using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// Queries over one tenant's users, run with the tenant prefix of the hierarchical key (<see cref="Stores.CosmosPartitionKeys.ForTenant"/>):
/// the SDK sends them to the physical partitions holding that tenant only. The prefix is in the WHERE clause too: routing
/// by the request option alone does not make the service filter by the index, and a query whose partition-key prefix is
/// not in its WHERE clause may be evaluated document by document, costing RUs in proportion to the tenant's bytes
/// (learn.microsoft.com, "Hierarchical partition keys", querying with a partial prefix; azure-cosmos-dotnet-v3 #4248). A
/// COUNT is summed over those partitions by the SDK (aggregate query plan).
/// </summary>
internal static class TenantQueries
{
    /// <summary>
    /// An epoch document whose partition holds data: written since it was created or last erased
    /// (<see cref="Documents.EpochDocument.HoldsData"/>). An epoch document older than that field counts unless an erase
    /// stamped it: that is what it meant before.
    /// </summary>
    public const string UserHoldsData = "c.type = 'epoch' AND (c.holdsData = true OR (NOT IS_DEFINED(c.holdsData) AND NOT IS_DEFINED(c.erasedAt)))";

    /// <summary>The tenant prefix of the key, repeated in the WHERE clause (see the class comment).</summary>
    private const string OfTenant = "c.tenantId = @tenant";

    /// <summary>The tenant's users: one epoch document each (never a DISTINCT over memories, whose cost grows with the memories).</summary>
    public static QueryDefinition CountUsers(string tenantId) => Tenant($"SELECT VALUE COUNT(1) FROM c WHERE {OfTenant} AND {UserHoldsData}", tenantId);

    /// <summary>
    /// The tenant's users in user-id order after <paramref name="afterUserId"/> (null: from the first): the same rule as
    /// <see cref="CountUsers"/>, so the list and the count agree; the range index on <c>userId</c> serves the order.
    /// </summary>
    public static QueryDefinition ListUsers(string tenantId, string? afterUserId) =>
        afterUserId is null
            ? Tenant($"SELECT VALUE c.userId FROM c WHERE {OfTenant} AND {UserHoldsData} ORDER BY c.userId", tenantId)
            : Tenant($"SELECT VALUE c.userId FROM c WHERE {OfTenant} AND {UserHoldsData} AND c.userId > @after ORDER BY c.userId", tenantId).WithParameter("@after", afterUserId);

    /// <summary>
    /// The tenant's memories held at <paramref name="at"/>: neither superseded nor expired (<c>MemoryRecord.IsHeldAt</c>, the
    /// embedded store's rule too). Memories of an erased epoch still count until the background erase has deleted them: a
    /// tenant-wide count cannot compare each document with its partition's epoch.
    /// </summary>
    public static QueryDefinition CountMemories(string tenantId, DateTimeOffset at) =>
        Tenant($"SELECT VALUE COUNT(1) FROM c WHERE {OfTenant} AND c.type = 'memory' AND {CosmosQueryBuilder.NotEndedAt} AND {CosmosQueryBuilder.NotExpiredAt}", tenantId)
            .WithParameter("@at", CosmosDates.ToText(at));

    /// <summary>The tenant's operations queued or running (ingestions and erases).</summary>
    public static QueryDefinition CountUnfinishedOperations(string tenantId) =>
        Tenant($"SELECT VALUE COUNT(1) FROM c WHERE {OfTenant} AND c.type = 'operation' AND c.status IN ('queued', 'running')", tenantId);

    private static QueryDefinition Tenant(string query, string tenantId) => new QueryDefinition(query).WithParameter("@tenant", tenantId);
}
