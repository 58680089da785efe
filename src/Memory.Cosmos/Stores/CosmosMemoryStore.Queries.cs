using System.Net;
using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>List, history, export and erasure: single-partition queries only.</summary>
internal sealed partial class CosmosMemoryStore
{
    /// <summary>Parallel point deletes in the erase fallback: enough to finish quickly, few enough not to trip 429s on small accounts.</summary>
    private const int FallbackDeleteParallelism = 8;

    public async Task<Page<MemoryRecord>> ListAsync(
        MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var query = CosmosQueryBuilder.List(filter);
        var items = new List<MemoryRecord>(pageSize);
        var token = continuationToken;
        var callersToken = continuationToken is not null;

        // Cosmos may return short (even empty) pages with a continuation; keep reading until the page is full or the feed ends.
        // The Cosmos continuation token is passed through as our opaque token.
        do
        {
            var options = FeedReader.InPartition(CosmosPartitionKeys.For(partition), pageSize - items.Count);
            using var iterator = _container.GetItemQueryIterator<MemoryDocument>(query, token, options);
            if (!iterator.HasMoreResults)
            {
                token = null;
                break;
            }

            FeedResponse<MemoryDocument> page;
            try
            {
                page = await FeedReader.ReadPageAsync(iterator, "list", cancellationToken);
            }
            catch (StoreFailureException failure) when (callersToken && failure.InnerException is CosmosException { StatusCode: HttpStatusCode.BadRequest })
            {
                // Only the caller's own token can be stale (a split since it was issued, other filters); a 400 on a page we
                // continue ourselves is the store's fault and stays a failure.
                throw new InvalidContinuationTokenException("The continuation token is not valid for this query; restart the listing without it.", failure);
            }

            callersToken = false;
            Log.Request(logger, "list", partition.TenantId, page.StatusCode, page.RequestCharge);
            items.AddRange(page.Select(DocumentMapper.ToRecord));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < pageSize);

        return new Page<MemoryRecord>(items, token);
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memoryId);

        // A memory has a handful of events; sorting here avoids another composite index.
        var documents = await FeedReader.ToListAsync<HistoryDocument>(
            _container, CosmosQueryBuilder.History(memoryId), FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "history", cancellationToken);
        return documents.Select(DocumentMapper.ToRecord).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    public async IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = CosmosQueryBuilder.OfType(DocumentTypes.Memory);
        await foreach (var document in FeedReader.QueryAsync<MemoryDocument>(
            _container, query, FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "export.memories", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }

    public async IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = CosmosQueryBuilder.OfType(DocumentTypes.History);
        await foreach (var document in FeedReader.QueryAsync<HistoryDocument>(
            _container, query, FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "export.history", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }

    /// <summary>
    /// Right to erasure: the whole logical partition goes (memories, history and the user's operations). Delete-by-partition-key
    /// is one request and runs in the background on at most ~10% of the container's RU/s, with deleted documents invisible
    /// at once; where the account lacks the capability, every document is deleted by id instead.
    /// </summary>
    public async Task<int> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var partitionKey = CosmosPartitionKeys.For(partition);
        var counts = await FeedReader.ToListAsync<int>(
            _container, CosmosQueryBuilder.CountOfType(DocumentTypes.Memory), FeedReader.InPartition(partitionKey), "erase.count", cancellationToken);
        var memories = counts.Sum();

        using (var response = await _container.DeleteAllItemsByPartitionKeyStreamAsync(partitionKey, cancellationToken: cancellationToken))
        {
            Record("erase", partition, response.StatusCode, response.Headers.RequestCharge);
            if (response.IsSuccessStatusCode)
            {
                return memories;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                CosmosFailures.ThrowIfFailed(response, "erase");
            }

            Log.PartitionDeleteFallback(logger, response.StatusCode, partition.TenantId);
        }

        var ids = await FeedReader.ToListAsync<string>(_container, CosmosQueryBuilder.AllIds(), FeedReader.InPartition(partitionKey), "erase.ids", cancellationToken);
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = FallbackDeleteParallelism, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                using var deleted = await _container.DeleteItemStreamAsync(id, partitionKey, cancellationToken: token);
                Record("erase.item", partition, deleted.StatusCode, deleted.Headers.RequestCharge);
                if (deleted.StatusCode != HttpStatusCode.NotFound)
                {
                    CosmosFailures.ThrowIfFailed(deleted, "erase.item");
                }
            });
        return memories;
    }
}
