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
/// <see cref="IOperationStore"/> on the same container as memories: an operation lives in its user's logical partition, next to
/// the partition's epoch document that fences each of its writes, and the memory store's erase ends it.
/// </summary>
internal sealed class CosmosOperationStore(CosmosMemoryContainer memoryContainer) : IOperationStore
{
    private static readonly TransactionalBatchItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private readonly Container _container = memoryContainer.Container;

    public async Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Create, not upsert: the operation id derives from the idempotency key, so 409 means "this request was already accepted".
        // Fenced with the operation's epoch in the same batch: an erase since the epoch was read refuses it.
        var document = DocumentMapper.ToDocument(operation);
        using var response = await PartitionEpochs.ExecuteFencedAsync(
            _container, operation.Partition, operation.Epoch, batch => batch.CreateItem(document, NoContent), cancellationToken);
        CosmosMetrics.Record("operation.create", response.RequestCharge);
        if (response.IsSuccessStatusCode)
        {
            return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response[1].ETag });
        }

        if (PartitionEpochs.Refused(response))
        {
            return new OperationWriteResult(WriteStatus.PartitionErased, null);
        }

        if (response.Count > 1 && response[1].StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await GetAsync(operation.Partition, operation.Id, cancellationToken);
            return existing is null ? new OperationWriteResult(WriteStatus.NotFound, null) : new OperationWriteResult(WriteStatus.AlreadyExists, existing);
        }

        throw Failure(response, "create");
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

        response.EnsureSuccessStatusCode();
        return DocumentMapper.ToRecord(await CosmosJson.ReadAsync<OperationDocument>(response.Content, cancellationToken));
    }

    public async Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Replace (never upsert), fenced with the operation's epoch: a late progress update of an operation whose user was
        // erased must neither resurrect it nor overwrite its cancelled stub.
        var document = DocumentMapper.ToDocument(operation);
        using var response = await PartitionEpochs.ExecuteFencedAsync(
            _container, operation.Partition, operation.Epoch, batch => batch.ReplaceItem(document.Id, document, NoContent), cancellationToken);
        CosmosMetrics.Record("operation.update", response.RequestCharge);
        if (response.IsSuccessStatusCode)
        {
            return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response[1].ETag });
        }

        if (PartitionEpochs.Refused(response))
        {
            return new OperationWriteResult(WriteStatus.PartitionErased, null);
        }

        return response.Count > 1 && response[1].StatusCode == HttpStatusCode.NotFound
            ? new OperationWriteResult(WriteStatus.NotFound, null)
            : throw Failure(response, "update");
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

    private static CosmosException Failure(TransactionalBatchResponse response, string operation) =>
        new($"Cosmos DB operation {operation} batch failed: {response.ErrorMessage}", response.StatusCode, 0, response.ActivityId, response.RequestCharge);
}
