using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// What one tenant holds, for admission quotas (<c>Memory:Quotas</c>: users, memories, queued operations per tenant). The
/// embedded store counts from its in-memory indexes, exactly and at once; the Cosmos DB store counts with queries over the
/// tenant's key prefix and reuses a count for a few seconds (<see cref="TenantUsage.CountedAt"/>).
/// </summary>
public interface ITenantUsage
{
    /// <summary>The usage of <paramref name="partition"/>'s tenant, and whether that partition holds anything yet.</summary>
    ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default);
}

/// <summary>
/// One tenant's usage: <paramref name="Users"/> whose partition holds memories or operations, its
/// <paramref name="Memories"/>, its <paramref name="UnfinishedOperations"/> (queued or running), and whether the asked
/// partition is one of those users (<paramref name="PartitionInUse"/>). <paramref name="CountedAt"/> is when the counts were
/// taken if that may be before the call (a reused count: writes that finished since are not in it); null when they are the
/// store's state at the call.
/// </summary>
public readonly record struct TenantUsage(long Users, long Memories, long UnfinishedOperations, bool PartitionInUse, DateTimeOffset? CountedAt = null);
