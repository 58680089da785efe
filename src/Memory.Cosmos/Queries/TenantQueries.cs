using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// Queries over a whole tenant, sent with the tenant alone as the partition key: a prefix of the hierarchical key
/// [tenantId, userId], which the SDK turns into the tenant's range of effective partition keys
/// (RequestInvokerHandler.ResolveFeedRangeBasedOnPrefixContainerAsync), so only the physical partitions holding the
/// tenant are read, and only its documents (https://learn.microsoft.com/azure/cosmos-db/hierarchical-partition-keys).
/// </summary>
internal static class TenantQueries
{
    /// <summary>
    /// The tenant's partitions in user order, one row each: every partition ever written has its epoch document (a fenced
    /// write creates it), and the row says which epoch its readable documents belong to.
    /// </summary>
    public static QueryDefinition Partitions(string? afterUserId) =>
        afterUserId is null
            ? new QueryDefinition("SELECT c.userId, c.epoch, c.documentsStamped FROM c WHERE c.type = 'epoch' ORDER BY c.userId")
            : new QueryDefinition("SELECT c.userId, c.epoch, c.documentsStamped FROM c WHERE c.type = 'epoch' AND c.userId > @after ORDER BY c.userId")
                .WithParameter("@after", afterUserId);

    /// <summary>
    /// Whether one partition (queried with its full key) is a user: a memory readers see, or an ingestion of the current epoch
    /// that an erase did not end (cancelled). Erase operations do not count. TOP 1: the first document found answers.
    /// </summary>
    public static QueryDefinition HoldsUser(long epoch, bool documentsStamped) =>
        new QueryDefinition(
            "SELECT TOP 1 VALUE c.id FROM c WHERE (c.type = 'memory'" + (documentsStamped ? " AND c.epoch >= @epoch" : string.Empty) + ")"
            + " OR (c.type = 'operation' AND (NOT IS_DEFINED(c.kind) OR c.kind = 'ingestion') AND c.status != 'cancelled' AND c.epoch >= @epoch)")
            .WithParameter("@epoch", epoch);
}
