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
/// the partition's epoch document that fences each of its writes, and the memory store's erase ends it: from the moment the
/// epoch moves on, an ingestion of an older epoch reads as the erase leaves it (<see cref="EpochView.Show"/>), before the
/// background erase has deleted or stubbed it. Erase operations are not fenced (<see cref="MemoryOperation.EndsWithErase"/>).
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
        using var response = await ExecuteAsync(operation, batch => batch.CreateItem(document, NoContent), cancellationToken);
        CosmosMetrics.Record("operation.create", response.RequestCharge);
        var own = Own(operation);
        if (response.IsSuccessStatusCode)
        {
            return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response[own].ETag });
        }

        if (own > 0 && PartitionEpochs.Refused(response))
        {
            return new OperationWriteResult(WriteStatus.PartitionErased, null);
        }

        if (response.Count > own && response[own].StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await GetAsync(operation.Partition, operation.Id, cancellationToken);
            return existing is null ? new OperationWriteResult(WriteStatus.NotFound, null) : new OperationWriteResult(WriteStatus.AlreadyExists, existing);
        }

        throw CosmosFailures.From(response, "operation.create");
    }

    /// <summary>The operation as readers see it; its read and the epoch view's run side by side (1 RU each).</summary>
    public async Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        var view = EpochView.ReadAsync(_container, partition, cancellationToken);
        var operation = ReadAsync(partition, operationId, cancellationToken);
        return await operation is { } found ? (await view).Show(found) : null;
    }

    private async Task<MemoryOperation?> ReadAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken)
    {
        using var response = await _container.ReadItemStreamAsync(DocumentTypes.OperationId(operationId), CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        CosmosMetrics.Record("operation.get", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosFailures.ThrowIfFailed(response, "operation.get");
        return DocumentMapper.ToRecord(await CosmosJson.ReadAsync<OperationDocument>(response.Content, cancellationToken));
    }

    /// <summary>
    /// Fenced with the operation's epoch when it ends with an erase (the fence is then operation 0 and the operation's own
    /// write operation 1); an erase operation's writes go alone, whatever erase came since.
    /// </summary>
    private async Task<TransactionalBatchResponse> ExecuteAsync(MemoryOperation operation, Func<TransactionalBatch, TransactionalBatch> build, CancellationToken cancellationToken) =>
        operation.EndsWithErase
            ? await PartitionEpochs.ExecuteFencedAsync(_container, operation.Partition, operation.Epoch, build, cancellationToken)
            : await build(_container.CreateTransactionalBatch(CosmosPartitionKeys.For(operation.Partition))).ExecuteAsync(cancellationToken);

    private static int Own(MemoryOperation operation) => operation.EndsWithErase ? 1 : 0;

    public async Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Replace (never upsert), fenced with the operation's epoch: a late progress update of an operation whose user was
        // erased must neither resurrect it nor overwrite its cancelled stub. If-Match on the version the caller read: a late
        // "running" write cannot overwrite "succeeded" (the workflow's read-check-write race).
        var document = DocumentMapper.ToDocument(operation);
        var options = new TransactionalBatchItemRequestOptions
        {
            IfMatchEtag = string.IsNullOrEmpty(operation.ETag) ? null : operation.ETag,
            EnableContentResponseOnWrite = false,
        };
        using var response = await ExecuteAsync(operation, batch => batch.ReplaceItem(document.Id, document, options), cancellationToken);
        CosmosMetrics.Record("operation.update", response.RequestCharge);
        var own = Own(operation);
        if (response.IsSuccessStatusCode)
        {
            return new OperationWriteResult(WriteStatus.Written, operation with { ETag = response[own].ETag });
        }

        if (own > 0 && PartitionEpochs.Refused(response))
        {
            return new OperationWriteResult(WriteStatus.PartitionErased, null);
        }

        if (response.Count > own && response[own].StatusCode == HttpStatusCode.PreconditionFailed)
        {
            var current = await GetAsync(operation.Partition, operation.Id, cancellationToken);
            return current is null ? new OperationWriteResult(WriteStatus.NotFound, null) : new OperationWriteResult(WriteStatus.PreconditionFailed, current);
        }

        return response.Count > own && response[own].StatusCode == HttpStatusCode.NotFound
            ? new OperationWriteResult(WriteStatus.NotFound, null)
            : throw CosmosFailures.From(response, "operation.update");
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
        var view = await EpochView.ReadAsync(_container, partition, cancellationToken);
        await foreach (var document in FeedReader.QueryAsync<OperationDocument>(
            _container, CosmosQueryBuilder.OfType(DocumentTypes.Operation, visibleFrom: null), FeedReader.InPartition(CosmosPartitionKeys.For(partition)), "operation.export", cancellationToken))
        {
            if (view.Show(DocumentMapper.ToRecord(document)) is { } visible)
            {
                yield return visible;
            }
        }
    }
}
