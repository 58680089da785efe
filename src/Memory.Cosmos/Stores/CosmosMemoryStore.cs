using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// <see cref="IMemoryStore"/> on Cosmos DB for NoSQL. Every call addresses one logical partition through the full
/// hierarchical key; each write goes with its history event in one transactional batch, so both land or neither does.
/// This file: point reads and writes. Queries, search and erasure live in the other partial files.
/// </summary>
internal sealed partial class CosmosMemoryStore(CosmosMemoryContainer memoryContainer, TimeProvider timeProvider, ILogger<CosmosMemoryStore> logger) : IMemoryStore
{
    /// <summary>How often a write is retried when the document changed or vanished between our read and our write.</summary>
    private const int MaxAttempts = 3;

    // The batch never needs the documents echoed back: the ETag comes with each operation result anyway (less bandwidth, same RU).
    private static readonly TransactionalBatchItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private static readonly MemoryWriteResult Erased = new(WriteStatus.PartitionErased, null);

    private readonly Container _container = memoryContainer.Container;

    public async Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var document = await ReadMemoryAsync(partition, id, "get", cancellationToken);
        return document is null ? null : DocumentMapper.ToRecord(document);
    }

    public async Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureInPartition(partition, memory, history);
        for (var attempt = 1; ; attempt++)
        {
            // CreateItem, not Upsert: an existing id fails the batch with 409, which is the idempotency check (retried workflow steps
            // produce the same deterministic id) at no extra read cost on the happy path.
            var document = DocumentMapper.ToDocument(partition, memory, timeProvider.GetUtcNow());
            var first = options?.Epoch is null ? 0 : 1;
            using var response = await ExecuteAsync(
                partition, options, batch => batch.CreateItem(document, NoContent).UpsertItem(DocumentMapper.ToDocument(partition, history), NoContent), "add", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new MemoryWriteResult(WriteStatus.Written, memory with { ETag = response[first].ETag });
            }

            if (first > 0 && PartitionEpochs.Refused(response))
            {
                return Erased;
            }

            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                throw Failure(response, "add");
            }

            if (await GetAsync(partition, memory.Id, cancellationToken) is { } existing)
            {
                return new MemoryWriteResult(WriteStatus.AlreadyExists, existing);
            }

            if (attempt == MaxAttempts)
            {
                throw Failure(response, "add");
            }
        }
    }

    public async Task<MemoryWriteResult> ReplaceAsync(
        MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureInPartition(partition, memory, history);
        var document = DocumentMapper.ToDocument(partition, memory, timeProvider.GetUtcNow());
        var first = options?.Epoch is null ? 0 : 1;
        using var response = await ExecuteAsync(
            partition,
            options,
            batch => batch
                .ReplaceItem(document.Id, document, new TransactionalBatchItemRequestOptions { IfMatchEtag = expectedETag, EnableContentResponseOnWrite = false })
                .UpsertItem(DocumentMapper.ToDocument(partition, history), NoContent),
            "replace",
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new MemoryWriteResult(WriteStatus.Written, memory with { ETag = response[first].ETag });
        }

        if (first > 0 && PartitionEpochs.Refused(response))
        {
            return Erased;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => MemoryWriteResult.NotFound,
            HttpStatusCode.PreconditionFailed => await GetAsync(partition, memory.Id, cancellationToken) is { } current
                ? new MemoryWriteResult(WriteStatus.PreconditionFailed, current)
                : MemoryWriteResult.NotFound,
            _ => throw Failure(response, "replace"),
        };
    }

    public async Task<MemoryWriteResult> DeleteAsync(
        MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(history);
        for (var attempt = 1; ; attempt++)
        {
            // One point read (1 RU) so the result carries the record that was deleted, as the port promises.
            if (await GetAsync(partition, id, cancellationToken) is not { } existing)
            {
                return MemoryWriteResult.NotFound;
            }

            if (expectedETag is not null && !string.Equals(existing.ETag, expectedETag, StringComparison.Ordinal))
            {
                return new MemoryWriteResult(WriteStatus.PreconditionFailed, existing);
            }

            // Delete exactly the version we read: an unconditional delete that raced with a write is retried, so the record we
            // return is the one that was removed.
            var first = options?.Epoch is null ? 0 : 1;
            using var response = await ExecuteAsync(
                partition,
                options,
                batch => batch
                    .DeleteItem(DocumentTypes.MemoryId(id), new TransactionalBatchItemRequestOptions { IfMatchEtag = existing.ETag })
                    .UpsertItem(DocumentMapper.ToDocument(partition, history), NoContent),
                "delete",
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new MemoryWriteResult(WriteStatus.Written, existing);
            }

            if (first > 0 && PartitionEpochs.Refused(response))
            {
                return Erased;
            }

            if (response.StatusCode is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) || attempt == MaxAttempts)
            {
                throw Failure(response, "delete");
            }
        }
    }

    public async Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        (await PartitionEpochs.ReadAsync(_container, partition, cancellationToken)).Epoch;

    /// <summary>
    /// One batch in the partition, fenced with the epoch when the write carries one (the fence is then operation 0, and the
    /// write's own operations start at 1).
    /// </summary>
    private async Task<TransactionalBatchResponse> ExecuteAsync(
        MemoryPartition partition, MemoryWriteOptions? options, Func<TransactionalBatch, TransactionalBatch> build, string operation, CancellationToken cancellationToken)
    {
        var response = options?.Epoch is { } epoch
            ? await PartitionEpochs.ExecuteFencedAsync(_container, partition, epoch, build, cancellationToken)
            : await build(_container.CreateTransactionalBatch(CosmosPartitionKeys.For(partition))).ExecuteAsync(cancellationToken);
        Record(operation, partition, response.StatusCode, response.RequestCharge);
        return response;
    }

    private async Task<MemoryDocument?> ReadMemoryAsync(MemoryPartition partition, string id, string operation, CancellationToken cancellationToken)
    {
        // Stream read: a missing memory is a normal outcome (404 → null) and must not cost an exception.
        using var response = await _container.ReadItemStreamAsync(DocumentTypes.MemoryId(id), CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        Record(operation, partition, response.StatusCode, response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await CosmosJson.ReadAsync<MemoryDocument>(response.Content, cancellationToken);
    }

    private void Record(string operation, MemoryPartition partition, HttpStatusCode status, double requestCharge)
    {
        CosmosMetrics.Record(operation, requestCharge);
        Log.Request(logger, operation, partition.TenantId, status, requestCharge);
    }

    private static CosmosException Failure(TransactionalBatchResponse response, string operation) =>
        new($"Cosmos DB {operation} batch failed: {response.ErrorMessage}", response.StatusCode, 0, response.ActivityId, response.RequestCharge);

    private static void EnsureInPartition(MemoryPartition partition, MemoryRecord memory, HistoryEvent history)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(history);
        if (memory.Partition != partition || new MemoryPartition(history.TenantId, history.UserId) != partition)
        {
            throw new ArgumentException($"The memory and its history event must belong to partition {partition}.", nameof(memory));
        }
    }
}
