using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// <see cref="ITenantUsers"/> on Cosmos DB: one tenant-prefix query walks the tenant's epoch documents in user order
/// (<see cref="TenantQueries.Partitions"/>), and a TOP 1 query in each candidate's own logical partition keeps those that hold
/// something readers see (<see cref="TenantQueries.HoldsUser"/>), so an erased user is never listed while its documents
/// wait to be deleted. Cost per page: the walk's pages plus about 3 RU per partition looked at.
/// </summary>
internal sealed class CosmosTenantUsers(CosmosMemoryContainer memoryContainer) : ITenantUsers
{
    /// <summary>Partitions looked at per call at most, so a tenant of many erased users still answers quickly (with a shorter page).</summary>
    internal const int MaxExamined = 500;

    private readonly Container _container = memoryContainer.Container;

    public async Task<Page<string>> ListUsersAsync(string tenantId, int pageSize, string? afterUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var options = new QueryRequestOptions { PartitionKey = CosmosPartitionKeys.ForTenant(tenantId), MaxItemCount = pageSize };
        using var iterator = _container.GetItemQueryIterator<PartitionRow>(TenantQueries.Partitions(afterUserId), requestOptions: options);
        var users = new List<string>(pageSize);
        var examined = 0;
        string? last = null;
        while (iterator.HasMoreResults)
        {
            foreach (var row in await FeedReader.ReadPageAsync(iterator, "users.list", cancellationToken))
            {
                last = row.UserId;
                examined++;
                if (await HoldsUserAsync(new MemoryPartition(tenantId, row.UserId), row, cancellationToken))
                {
                    users.Add(row.UserId);
                }

                if (users.Count == pageSize || examined == MaxExamined)
                {
                    return new Page<string>(users, last);
                }
            }
        }

        return new Page<string>(users, null);
    }

    private async Task<bool> HoldsUserAsync(MemoryPartition partition, PartitionRow row, CancellationToken cancellationToken)
    {
        var found = await FeedReader.ToListAsync<string>(
            _container, TenantQueries.HoldsUser(row.Epoch, row.DocumentsStamped), FeedReader.InPartition(CosmosPartitionKeys.For(partition), maxItemCount: 1), "users.holds", cancellationToken);
        return found.Count > 0;
    }

    /// <summary>A row of <see cref="TenantQueries.Partitions"/>.</summary>
    private sealed record PartitionRow(string UserId, long Epoch, bool DocumentsStamped);
}
