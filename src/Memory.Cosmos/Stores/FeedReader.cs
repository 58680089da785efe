using System.Runtime.CompilerServices;
using MemoryFunctions.Cosmos.Diagnostics;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>Drains typed query feeds and records the RU of every page.</summary>
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
            var page = await iterator.ReadNextAsync(cancellationToken);
            CosmosMetrics.Record(operation, page.RequestCharge);
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

    public static QueryRequestOptions InPartition(PartitionKey partitionKey, int? maxItemCount = null) =>
        new() { PartitionKey = partitionKey, MaxItemCount = maxItemCount };
}
