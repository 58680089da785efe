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

    /// <summary>Delete-by-id rounds before an erase that keeps finding new documents gives up (and is retried).</summary>
    private const int MaxEraseRounds = 3;

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
    /// (an optional preview capability) is tried first: one request, deleted documents invisible at once, physical deletion in
    /// the background on at most ~10% of the container's RU/s. Either way the erase ends with the proof: a query of every id
    /// left in the partition, each deleted by id, until the query comes back empty. A failure part-way leaves a smaller
    /// partition, and running the erase again finishes it (each step is idempotent), so erase is resumable.
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
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                CosmosFailures.ThrowIfFailed(response, "erase");
            }

            if (!response.IsSuccessStatusCode)
            {
                Log.PartitionDeleteFallback(logger, response.StatusCode, partition.TenantId);
            }
        }

        await DeleteRemainingAsync(partition, partitionKey, cancellationToken);
        return memories;
    }

    /// <summary>Deletes by id whatever the partition still shows, until a query of its ids returns none.</summary>
    private async Task DeleteRemainingAsync(MemoryPartition partition, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var ids = await FeedReader.ToListAsync<string>(_container, CosmosQueryBuilder.AllIds(), FeedReader.InPartition(partitionKey), "erase.ids", cancellationToken);
            if (ids.Count == 0)
            {
                return;
            }

            if (round > MaxEraseRounds)
            {
                // Something keeps writing into the partition; the caller retries the (idempotent) erase later.
                throw new StoreFailureException(StoreFailureKind.Unavailable, $"Erase left {ids.Count} documents after {MaxEraseRounds} rounds; retry the erase.");
            }

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
        }
    }
}
