using System.Runtime.CompilerServices;
using MemoryFunctions.Cosmos.Diagnostics;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>Drains typed query feeds, records the RU of every page and maps failures through <see cref="CosmosFailures"/>.</summary>
internal static class FeedReader
{
    public static async IAsyncEnumerable<T> QueryAsync<T>(
        Container container,
        QueryDefinition query,
        QueryRequestOptions options,
        string operation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            var page = await ReadPageAsync(iterator, operation, cancellationToken);
            foreach (var item in page)
            {
                yield return item;
            }
        }
    }

    public static async Task<List<T>> ToListAsync<T>(
        Container container, QueryDefinition query, QueryRequestOptions options, string operation, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in QueryAsync<T>(container, query, options, operation, cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    public static async Task<FeedResponse<T>> ReadPageAsync<T>(FeedIterator<T> iterator, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            CosmosMetrics.Record(operation, page.RequestCharge);
            return page;
        }
        catch (CosmosException exception)
        {
            CosmosMetrics.Record(operation, exception.RequestCharge);
            throw CosmosFailures.From(exception, operation);
        }
    }

    /// <summary>
    /// A single-partition query. Optimistic direct execution stays off whatever AZURE_COSMOS_OPTIMISTIC_DIRECT_EXECUTION_ENABLED
    /// says: its continuation tokens cannot resume after a partition split (the SDK throws), while the regular pipeline's can.
    /// </summary>
    public static QueryRequestOptions InPartition(PartitionKey partitionKey, int? maxItemCount = null) =>
        new() { PartitionKey = partitionKey, MaxItemCount = maxItemCount, EnableOptimisticDirectExecution = false };
}
