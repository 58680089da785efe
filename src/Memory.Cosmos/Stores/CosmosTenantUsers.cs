using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// <see cref="ITenantUsers"/> on Cosmos DB: one query with the tenant prefix of the hierarchical key over the tenant's epoch
/// documents that hold data (<see cref="TenantQueries.ListUsers"/>, the rule <see cref="CosmosTenantUsage"/> counts by), in
/// user-id order: an erased user's epoch document says it holds nothing from the erase on, so it is not listed while its
/// documents wait to be deleted, nor is a partition only read. A page continues after the last id it returned.
/// </summary>
internal sealed class CosmosTenantUsers(CosmosMemoryContainer memoryContainer) : ITenantUsers
{
    private readonly Container _container = memoryContainer.Container;

    public async Task<Page<string>> ListUsersAsync(string tenantId, int pageSize, string? afterUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        // One more than asked, to know whether a next page exists; TOP-less with MaxItemCount so the SDK's ORDER BY pipeline
        // may stop after the first page it has.
        var options = new QueryRequestOptions { PartitionKey = CosmosPartitionKeys.ForTenant(tenantId), MaxItemCount = pageSize + 1 };
        using var iterator = _container.GetItemQueryIterator<string>(TenantQueries.ListUsers(tenantId, afterUserId), requestOptions: options);
        var users = new List<string>(pageSize + 1);
        while (iterator.HasMoreResults && users.Count <= pageSize)
        {
            users.AddRange(await FeedReader.ReadPageAsync(iterator, "users.list", cancellationToken));
        }

        return users.Count > pageSize
            ? new Page<string>(users[..pageSize], users[pageSize - 1])
            : new Page<string>(users, null);
    }
}
