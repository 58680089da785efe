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

/// <summary>
/// <see cref="IOperationStore"/> on the same container as memories: an operation lives in its user's logical partition, so
/// erasing the user (delete by partition key) takes the operations with it.
/// </summary>
internal sealed class CosmosOperationStore(CosmosMemoryContainer memoryContainer) : IOperationStore
{
    private readonly Container _container = memoryContainer.Container;

    public async Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Create, not upsert: the operation id derives from the idempotency key, so 409 means "this request was already accepted".
        using var content = CosmosJson.ToStream(DocumentMapper.ToDocument(operation));
        using var response = await _container.CreateItemStreamAsync(content, CosmosPartitionKeys.For(operation.Partition), cancellationToken: cancellationToken);
        CosmosMetrics.Record("operation.create", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await GetAsync(operation.Partition, operation.Id, cancellationToken);
            return existing is null ? new OperationWriteResult(WriteStatus.NotFound, null) : new OperationWriteResult(WriteStatus.AlreadyExists, existing);
        }

        CosmosFailures.ThrowIfFailed(response, "operation.create");
        return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response.Headers.ETag });
    }

    public async Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        using var response = await _container.ReadItemStreamAsync(DocumentTypes.OperationId(operationId), CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        CosmosMetrics.Record("operation.get", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosFailures.ThrowIfFailed(response, "operation.get");
        return DocumentMapper.ToRecord(await CosmosJson.ReadAsync<OperationDocument>(response.Content, cancellationToken));
    }

    public async Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Replace (never upsert): an operation erased together with its user must not be resurrected by a late progress update.
        // If-Match on the version the caller read: a late "running" write cannot overwrite "succeeded" (read-check-write race).
        var document = DocumentMapper.ToDocument(operation);
        using var content = CosmosJson.ToStream(document);
        var options = new ItemRequestOptions { IfMatchEtag = string.IsNullOrEmpty(operation.ETag) ? null : operation.ETag, EnableContentResponseOnWrite = false };
        using var response = await _container.ReplaceItemStreamAsync(content, document.Id, CosmosPartitionKeys.For(operation.Partition), options, cancellationToken);
        CosmosMetrics.Record("operation.update", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new OperationWriteResult(WriteStatus.NotFound, null);
        }

        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            var current = await GetAsync(operation.Partition, operation.Id, cancellationToken);
            return current is null ? new OperationWriteResult(WriteStatus.NotFound, null) : new OperationWriteResult(WriteStatus.PreconditionFailed, current);
        }

        CosmosFailures.ThrowIfFailed(response, "operation.update");
        return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response.Headers.ETag });
    }

    /// <summary>
    /// The store's only cross-partition query: a restarted runner must find unfinished work of every user. It runs once at
    /// start-up, fans out to all physical partitions, and is served by the range index on type and status.
    /// </summary>
    public async IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in FeedReader.QueryAsync<OperationDocument>(
            _container, CosmosQueryBuilder.UnfinishedOperations(), new QueryRequestOptions(), "operation.unfinished", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }

    public async IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in FeedReader.QueryAsync<OperationDocument>(
            _container, CosmosQueryBuilder.OfType(DocumentTypes.Operation), FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "operation.export", cancellationToken))
        {
            yield return DocumentMapper.ToRecord(document);
        }
    }

    /// <summary>
    /// Deletes the user's operation documents one by one (a user has few) and counts them. Erasing the memory store's
    /// partition removes them too; whichever runs first does the work and the other finds nothing left.
    /// </summary>
    public async Task<int> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var partitionKey = CosmosPartitionKeys.For(partition);
        var ids = await FeedReader.ToListAsync<string>(
            _container, CosmosQueryBuilder.IdsOfType(DocumentTypes.Operation), FeedReader.InPartition(partitionKey), "operation.erase.ids", cancellationToken);
        var erased = 0;
        foreach (var id in ids)
        {
            using var response = await _container.DeleteItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken);
            CosmosMetrics.Record("operation.erase", response.Headers.RequestCharge);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            CosmosFailures.ThrowIfFailed(response, "operation.erase");
            erased++;
        }

        return erased;
    }
}
