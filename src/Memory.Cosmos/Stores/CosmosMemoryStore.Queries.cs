using System.Net;
using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>List, history and export: single-partition queries only, each hiding what an erase is still deleting.</summary>
internal sealed partial class CosmosMemoryStore
{
    public async Task<Page<MemoryRecord>> ListAsync(
        MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var view = await EpochView.ReadAsync(_container, partition, cancellationToken);
        var query = CosmosQueryBuilder.List(filter, view.VisibleFrom);
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
        var view = await EpochView.ReadAsync(_container, partition, cancellationToken);
        var documents = await FeedReader.ToListAsync<HistoryDocument>(
            _container, CosmosQueryBuilder.History(memoryId, view.VisibleFrom), FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "history", cancellationToken);
        return documents.Select(DocumentMapper.ToRecord).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    public async IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = CosmosQueryBuilder.OfType(DocumentTypes.Memory, (await EpochView.ReadAsync(_container, partition, cancellationToken)).VisibleFrom);
        await foreach (var document in FeedReader.QueryAsync<MemoryDocument>(
            _container, query, FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "export.memories", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }

    public async IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = CosmosQueryBuilder.OfType(DocumentTypes.History, (await EpochView.ReadAsync(_container, partition, cancellationToken)).VisibleFrom);
        await foreach (var document in FeedReader.QueryAsync<HistoryDocument>(
            _container, query, FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "export.history", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }
}
