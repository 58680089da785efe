using System.Collections.Concurrent;
using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// <see cref="ITenantUsage"/> on Cosmos DB: three COUNT queries over the tenant's key prefix (<see cref="TenantQueries"/>),
/// reused for <see cref="CosmosMemoryOptions.UsageCacheDuration"/>, because a COUNT's charge grows with what it counts and a
/// submission must not pay that each time; plus one point read of the asking partition's epoch document (about 1 RU), not
/// reused, since it decides whether a write adds a user. The quotas add what this instance admitted since the count was
/// taken (<see cref="TenantUsage.CountedAt"/>); what other instances admitted meanwhile is not seen (docs/cosmos.md).
/// </summary>
internal sealed class CosmosTenantUsage(CosmosMemoryContainer memoryContainer, IOptions<CosmosMemoryOptions> options, TimeProvider timeProvider) : ITenantUsage
{
    /// <summary>Past this many tenants, counts older than the cache duration are dropped (tenant ids are caller-chosen when open).</summary>
    private const int PruneAbove = 10_000;

    private readonly Container _container = memoryContainer.Container;
    private readonly ConcurrentDictionary<string, Counted> _counted = new(StringComparer.Ordinal);

    public async ValueTask<TenantUsage> GetAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var holds = HoldsDataAsync(partition, cancellationToken);
        var counted = await CountedAsync(partition.TenantId, cancellationToken);
        return new TenantUsage(counted.Users, counted.Memories, counted.UnfinishedOperations, await holds, counted.At);
    }

    private async Task<Counted> CountedAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var reuseFor = options.Value.UsageCacheDuration;
        if (_counted.TryGetValue(tenantId, out var cached) && now - cached.At < reuseFor)
        {
            return cached;
        }

        // Taken before the queries start: a write that lands while they run may be missed, so it counts as after the count.
        var requestOptions = new QueryRequestOptions { PartitionKey = CosmosPartitionKeys.ForTenant(tenantId) };
        var users = CountAsync(TenantQueries.CountUsers(tenantId), requestOptions, "usage.users", cancellationToken);
        var memories = CountAsync(TenantQueries.CountMemories(tenantId, now), requestOptions, "usage.memories", cancellationToken);
        var unfinished = CountAsync(TenantQueries.CountUnfinishedOperations(tenantId), requestOptions, "usage.operations", cancellationToken);
        var counted = new Counted(await users, await memories, await unfinished, now);
        if (_counted.Count > PruneAbove)
        {
            foreach (var (tenant, old) in _counted)
            {
                if (now - old.At >= reuseFor)
                {
                    _counted.TryRemove(tenant, out _);
                }
            }
        }

        _counted[tenantId] = counted;
        return counted;
    }

    private async Task<long> CountAsync(QueryDefinition query, QueryRequestOptions requestOptions, string operation, CancellationToken cancellationToken) =>
        (await FeedReader.ToListAsync<long>(_container, query, requestOptions, operation, cancellationToken)).Sum();

    private async Task<bool> HoldsDataAsync(MemoryPartition partition, CancellationToken cancellationToken)
    {
        using var response = await _container.ReadItemStreamAsync(DocumentTypes.EpochDocumentId, CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        CosmosMetrics.Record("usage.partition", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        CosmosFailures.ThrowIfFailed(response, "usage.partition");
        return (await CosmosJson.ReadAsync<EpochDocument>(response.Content, cancellationToken)).Holds;
    }

    private sealed record Counted(long Users, long Memories, long UnfinishedOperations, DateTimeOffset At);
}
