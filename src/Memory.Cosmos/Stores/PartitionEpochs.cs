using System.Globalization;
using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// Reads, fences with and advances the partition epoch kept in each logical partition's <see cref="EpochDocument"/>.
/// Shared by the memory and the operation store, which write to the same container.
/// </summary>
internal static class PartitionEpochs
{
    /// <summary>The partition's epoch; creates its epoch document (epoch 0) on first use, so fenced writes find it.</summary>
    public static async Task<EpochDocument> ReadAsync(Container container, MemoryPartition partition, CancellationToken cancellationToken)
    {
        var partitionKey = CosmosPartitionKeys.For(partition);
        for (var attempt = 1; ; attempt++)
        {
            using (var response = await container.ReadItemStreamAsync(DocumentTypes.EpochDocumentId, partitionKey, cancellationToken: cancellationToken))
            {
                CosmosMetrics.Record("epoch.read", response.Headers.RequestCharge);
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    CosmosFailures.ThrowIfFailed(response, "epoch.read");
                    return await CosmosJson.ReadAsync<EpochDocument>(response.Content, cancellationToken);
                }
            }

            // The client writes with Prefer: return=minimal (EnableContentResponseOnWrite = false), so a 201 has no body: the
            // document is the one just sent, its version the response's ETag header.
            var document = new EpochDocument { TenantId = partition.TenantId, UserId = partition.UserId, HoldsData = false };
            using var content = CosmosJson.ToStream(document);
            using var created = await container.CreateItemStreamAsync(content, partitionKey, cancellationToken: cancellationToken);
            CosmosMetrics.Record("epoch.create", created.Headers.RequestCharge);
            if (created.StatusCode == HttpStatusCode.Conflict && attempt == 1)
            {
                continue;
            }

            CosmosFailures.ThrowIfFailed(created, "epoch.create");
            document.ETag = created.Headers.ETag;
            return document;
        }
    }

    /// <summary>
    /// Adds the fence as the batch's first operation: a patch of the epoch document that only applies while the epoch is still
    /// <paramref name="epoch"/>. After an erase its filter fails with 412 and the whole batch with it.
    /// </summary>
    private static TransactionalBatch Fence(TransactionalBatch batch, long epoch) =>
        batch.PatchItem(
            DocumentTypes.EpochDocumentId,
            [PatchOperation.Increment("/fencedWrites", 1), PatchOperation.Set("/holdsData", true)],
            new TransactionalBatchPatchItemRequestOptions
            {
                FilterPredicate = string.Create(CultureInfo.InvariantCulture, $"FROM c WHERE c.epoch = {epoch}"),
                EnableContentResponseOnWrite = false,
            });

    /// <summary>
    /// Runs a batch built by <paramref name="build"/> behind the fence. Epoch 0 is the one epoch whose document may not exist
    /// yet (a partition written before it was ever read): then the document is created and the batch runs once more.
    /// </summary>
    public static async Task<TransactionalBatchResponse> ExecuteFencedAsync(
        Container container, MemoryPartition partition, long epoch, Func<TransactionalBatch, TransactionalBatch> build, CancellationToken cancellationToken)
    {
        var response = await build(Fence(container.CreateTransactionalBatch(CosmosPartitionKeys.For(partition)), epoch)).ExecuteAsync(cancellationToken);
        if (epoch != 0 || response.IsSuccessStatusCode || response.Count == 0 || response[0].StatusCode != HttpStatusCode.NotFound)
        {
            return response;
        }

        response.Dispose();
        await ReadAsync(container, partition, cancellationToken);
        return await build(Fence(container.CreateTransactionalBatch(CosmosPartitionKeys.For(partition)), epoch)).ExecuteAsync(cancellationToken);
    }

    /// <summary>The fence (operation 0) failed: the epoch moved on (412), or its document is missing (404, only after a bug).</summary>
    public static bool Refused(TransactionalBatchResponse response) =>
        !response.IsSuccessStatusCode && response.Count > 0 && response[0].StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound;

    /// <summary>
    /// Moves the epoch on with one atomic increment and returns the new value. No read-then-replace under If-Match: every
    /// fenced write patches this document, so such a replace could lose to them indefinitely. The content is asked for
    /// explicitly (the client's default is no content on writes) because the new number is in it.
    /// From this write on, every fenced write of work begun before fails, and every read hides documents of older epochs
    /// (<see cref="EpochDocument.DocumentsStamped"/>).
    /// </summary>
    public static async Task<long> AdvanceAsync(Container container, MemoryPartition partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partitionKey = CosmosPartitionKeys.For(partition);
        PatchOperation[] advance = [PatchOperation.Increment("/epoch", 1), PatchOperation.Set("/erasedAt", CosmosDates.ToText(now)), PatchOperation.Set("/documentsStamped", true), PatchOperation.Set("/holdsData", false)];
        for (var attempt = 1; ; attempt++)
        {
            using var response = await container.PatchItemStreamAsync(
                DocumentTypes.EpochDocumentId, partitionKey, advance, new PatchItemRequestOptions { EnableContentResponseOnWrite = true }, cancellationToken);
            CosmosMetrics.Record("epoch.advance", response.Headers.RequestCharge);
            if (response.StatusCode == HttpStatusCode.NotFound && attempt == 1)
            {
                // A partition never read before has no epoch document yet: create epoch 0, then advance it.
                await ReadAsync(container, partition, cancellationToken);
                continue;
            }

            CosmosFailures.ThrowIfFailed(response, "epoch.advance");
            return (await CosmosJson.ReadAsync<EpochDocument>(response.Content, cancellationToken)).Epoch;
        }
    }
}
