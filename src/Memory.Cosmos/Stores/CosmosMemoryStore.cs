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
/// Every write is fenced with the partition's epoch and stamps its documents with it; every read hides documents of
/// erased epochs (<see cref="EpochView"/>). This file: point reads and writes. Queries, search and erasure live in the
/// other partial files.
/// </summary>
internal sealed partial class CosmosMemoryStore(CosmosMemoryContainer memoryContainer, TimeProvider timeProvider, ILogger<CosmosMemoryStore> logger) : IMemoryStore
{
    /// <summary>One at a time: every fenced write also patches the partition's epoch document (PartitionEpochs), and concurrent patches of one document collide (449, retried by the SDK) for no gain.</summary>
    public int WritesTogether => 1;

    /// <summary>How often a write is retried when the document changed or vanished between our read and our write.</summary>
    private const int MaxAttempts = 3;

    // The batch never needs the documents echoed back: the ETag comes with each operation result anyway (less bandwidth, same RU).
    private static readonly TransactionalBatchItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    private static readonly MemoryWriteResult Erased = new(WriteStatus.PartitionErased, null);

    private readonly Container _container = memoryContainer.Container;

    public async Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var (document, view) = await ReadMemoryAsync(partition, id, "get", cancellationToken);
        return document is not null && view.Shows(document.Epoch) ? DocumentMapper.ToRecord(document) : null;
    }

    public async Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureInPartition(partition, memory, history);
        string? erasedETag = null;
        for (var attempt = 1; ; attempt++)
        {
            // CreateItem, not Upsert: an existing id fails the batch with 409, which is the idempotency check (retried workflow steps
            // produce the same deterministic id) at no extra read cost on the happy path. A document of an erased epoch that is
            // still waiting to be deleted does not exist for anyone: it is replaced, exactly the version read.
            var now = timeProvider.GetUtcNow();
            var written = erasedETag;
            using var response = await ExecuteAsync(
                partition,
                options,
                (batch, epoch) => (written is null
                        ? batch.CreateItem(DocumentMapper.ToDocument(partition, memory, now, epoch), NoContent)
                        : batch.ReplaceItem(DocumentTypes.MemoryId(memory.Id), DocumentMapper.ToDocument(partition, memory, now, epoch), IfMatch(written)))
                    .UpsertItem(DocumentMapper.ToDocument(partition, history, epoch), NoContent),
                "add",
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new MemoryWriteResult(WriteStatus.Written, memory with { ETag = response[1].ETag });
            }

            if (PartitionEpochs.Refused(response))
            {
                return Erased;
            }

            if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) || attempt == MaxAttempts)
            {
                throw CosmosFailures.From(response, "add");
            }

            var (existing, view) = await ReadMemoryAsync(partition, memory.Id, "add.existing", cancellationToken);
            if (existing is not null && view.Shows(existing.Epoch))
            {
                return new MemoryWriteResult(WriteStatus.AlreadyExists, DocumentMapper.ToRecord(existing));
            }

            erasedETag = existing?.ETag;
        }
    }

    public async Task<MemoryWriteResult> ReplaceAsync(
        MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureInPartition(partition, memory, history);
        var now = timeProvider.GetUtcNow();
        using var response = await ExecuteAsync(
            partition,
            options,
            (batch, epoch) => batch
                .ReplaceItem(DocumentTypes.MemoryId(memory.Id), DocumentMapper.ToDocument(partition, memory, now, epoch), IfMatch(expectedETag))
                .UpsertItem(DocumentMapper.ToDocument(partition, history, epoch), NoContent),
            "replace",
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new MemoryWriteResult(WriteStatus.Written, memory with { ETag = response[1].ETag });
        }

        if (PartitionEpochs.Refused(response))
        {
            return Erased;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => MemoryWriteResult.NotFound,
            HttpStatusCode.PreconditionFailed => await GetAsync(partition, memory.Id, cancellationToken) is { } current
                ? new MemoryWriteResult(WriteStatus.PreconditionFailed, current)
                : MemoryWriteResult.NotFound,
            _ => throw CosmosFailures.From(response, "replace"),
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
            using var response = await ExecuteAsync(
                partition,
                options,
                (batch, epoch) => batch
                    .DeleteItem(DocumentTypes.MemoryId(id), new TransactionalBatchItemRequestOptions { IfMatchEtag = existing.ETag })
                    .UpsertItem(DocumentMapper.ToDocument(partition, history, epoch), NoContent),
                "delete",
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new MemoryWriteResult(WriteStatus.Written, existing);
            }

            if (PartitionEpochs.Refused(response))
            {
                return Erased;
            }

            if (response.StatusCode is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) || attempt == MaxAttempts)
            {
                throw CosmosFailures.From(response, "delete");
            }
        }
    }

    public async Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        (await PartitionEpochs.ReadAsync(_container, partition, cancellationToken)).Epoch;

    /// <summary>
    /// One batch in the partition behind the epoch fence (operation 0; the write's own operations start at 1), its documents
    /// stamped with that epoch. A write of work that began in an epoch (the workflow's) is fenced with it and refused once
    /// the user is erased; a write without one (a direct API call) takes the current epoch, and should an erase move it
    /// between that read and the write, is refused and tried again in the new epoch, so it lands after the erase, whole,
    /// instead of before it, orphaned. That costs one epoch read (1 RU) and the fence's patch per direct write.
    /// </summary>
    private async Task<TransactionalBatchResponse> ExecuteAsync(
        MemoryPartition partition, MemoryWriteOptions? options, Func<TransactionalBatch, long, TransactionalBatch> build, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var epoch = options?.Epoch ?? (await PartitionEpochs.ReadAsync(_container, partition, cancellationToken)).Epoch;
            var response = await PartitionEpochs.ExecuteFencedAsync(_container, partition, epoch, batch => build(batch, epoch), cancellationToken);
            Record(operation, partition, response.StatusCode, response.RequestCharge);
            if (options?.Epoch is not null || !PartitionEpochs.Refused(response) || attempt == MaxAttempts)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private static TransactionalBatchItemRequestOptions IfMatch(string? etag) => new() { IfMatchEtag = etag, EnableContentResponseOnWrite = false };

    /// <summary>
    /// The document, if any, and the epoch view, read side by side (the two point reads cost 1 RU each and run at once):
    /// the caller decides whether the document is visible.
    /// </summary>
    private async Task<(MemoryDocument? Document, EpochView View)> ReadMemoryAsync(MemoryPartition partition, string id, string operation, CancellationToken cancellationToken)
    {
        var view = EpochView.ReadAsync(_container, partition, cancellationToken);
        var document = ReadDocumentAsync(partition, id, operation, cancellationToken);
        return (await document, await view);
    }

    private async Task<MemoryDocument?> ReadDocumentAsync(MemoryPartition partition, string id, string operation, CancellationToken cancellationToken)
    {
        // Stream read: a missing memory is a normal outcome (404 → null) and must not cost an exception.
        using var response = await _container.ReadItemStreamAsync(DocumentTypes.MemoryId(id), CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        Record(operation, partition, response.StatusCode, response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosFailures.ThrowIfFailed(response, operation);
        return await CosmosJson.ReadAsync<MemoryDocument>(response.Content, cancellationToken);
    }

    private void Record(string operation, MemoryPartition partition, HttpStatusCode status, double requestCharge)
    {
        CosmosMetrics.Record(operation, requestCharge);
        Log.Request(logger, operation, partition.TenantId, status, requestCharge);
    }

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
