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

/// <summary>List, history, export and erasure: single-partition queries only.</summary>
internal sealed partial class CosmosMemoryStore
{
    /// <summary>Parallel point deletes in an erase: enough to finish quickly, few enough not to trip 429s on small accounts.</summary>
    private const int DeleteParallelism = 8;

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
    /// Right to erasure. First the epoch moves on (from then on the store refuses every fenced write of work begun before),
    /// then unfinished operations become content-free cancelled stubs and every other document of the logical partition is
    /// deleted by id, the epoch document and operations accepted in the new epoch excepted. Delete-by-partition-key cannot be
    /// used: it would take the epoch document with it, and a stale write could then recreate the partition.
    /// </summary>
    public async Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var partitionKey = CosmosPartitionKeys.For(partition);
        var epoch = await PartitionEpochs.AdvanceAsync(_container, partition, timeProvider.GetUtcNow(), cancellationToken);
        var counts = await FeedReader.ToListAsync<int>(
            _container, CosmosQueryBuilder.CountOfType(DocumentTypes.Memory), FeedReader.InPartition(partitionKey), "erase.count", cancellationToken);
        var operations = await FeedReader.ToListAsync<OperationDocument>(
            _container, CosmosQueryBuilder.OfType(DocumentTypes.Operation), FeedReader.InPartition(partitionKey), "erase.operations", cancellationToken);
        // An operation of the new epoch was accepted after the epoch moved on: it is not part of what this erase removes, and
        // stubbing it would mark live work cancelled (the erase is not atomic here, unlike the embedded store's one batch).
        var kept = operations.Where(document => document.Epoch >= epoch).Select(document => document.Id);
        var erasedOperations = operations.Where(document => document.Epoch < epoch).ToList();
        var stubs = new HashSet<string>(kept, StringComparer.Ordinal) { DocumentTypes.EpochDocumentId };
        foreach (var stub in erasedOperations.Select(document => DocumentMapper.ToRecord(document).EndedByErase()).OfType<MemoryOperation>())
        {
            var document = DocumentMapper.ToDocument(stub);
            using var content = CosmosJson.ToStream(document);
            using var replaced = await _container.ReplaceItemStreamAsync(content, document.Id, partitionKey, cancellationToken: cancellationToken);
            Record("erase.stub", partition, replaced.StatusCode, replaced.Headers.RequestCharge);
            CosmosFailures.ThrowIfFailed(replaced, "erase.stub");
            stubs.Add(document.Id);
        }

        var ids = await FeedReader.ToListAsync<string>(_container, CosmosQueryBuilder.AllIds(), FeedReader.InPartition(partitionKey), "erase.ids", cancellationToken);
        await Parallel.ForEachAsync(
            ids.Where(id => !stubs.Contains(id)),
            new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                using var deleted = await _container.DeleteItemStreamAsync(id, partitionKey, cancellationToken: token);
                Record("erase.item", partition, deleted.StatusCode, deleted.Headers.RequestCharge);
                if (deleted.StatusCode != HttpStatusCode.NotFound)
                {
                    CosmosFailures.ThrowIfFailed(deleted, "erase.item");
                }
            });
        return new PartitionErasure(counts.Sum(), erasedOperations.Count, epoch);
    }
}
