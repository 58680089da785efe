using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// What one tenant holds now, for admission quotas (<c>Memory:Quotas</c>: users, memories, queued operations per tenant).
/// A store that can count these cheaply implements it; the embedded store does (from its in-memory indexes). The Cosmos DB
/// store does not yet, so those quotas refuse to start on it.
/// </summary>
public interface ITenantUsage
{
    /// <summary>The usage of <paramref name="partition"/>'s tenant, and whether that partition holds anything yet.</summary>
    ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default);
}

/// <summary>
/// One tenant's usage: <paramref name="Users"/> whose partition holds memories or operations, its live
/// <paramref name="Memories"/>, its <paramref name="UnfinishedOperations"/> (queued or running), and whether the asked
/// partition is one of those users (<paramref name="PartitionInUse"/>).
/// </summary>
public readonly record struct TenantUsage(long Users, long Memories, long UnfinishedOperations, bool PartitionInUse);
