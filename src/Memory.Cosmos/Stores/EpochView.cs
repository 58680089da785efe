using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// What a read must hide of a partition: everything written before its current epoch once an erase has moved it. One point
/// read of the epoch document (1 RU for its ~300 bytes) per read request, never a write: a partition without one was never
/// erased. The filter then travels inside the read's own query (<c>c.epoch &gt;= @epoch</c>), so a read stays one query.
/// </summary>
/// <param name="Epoch">The partition's epoch (0 when it has no epoch document).</param>
/// <param name="VisibleFrom">The oldest epoch reads may return; null when nothing needs hiding (see <see cref="EpochDocument.DocumentsStamped"/>).</param>
internal sealed record EpochView(long Epoch, long? VisibleFrom)
{
    private static readonly EpochView NeverErased = new(0, null);

    public static async Task<EpochView> ReadAsync(Container container, MemoryPartition partition, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(DocumentTypes.EpochDocumentId, CosmosPartitionKeys.For(partition), cancellationToken: cancellationToken);
        CosmosMetrics.Record("epoch.view", response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return NeverErased;
        }

        CosmosFailures.ThrowIfFailed(response, "epoch.view");
        var document = await CosmosJson.ReadAsync<EpochDocument>(response.Content, cancellationToken);
        return new EpochView(document.Epoch, document.DocumentsStamped ? document.Epoch : null);
    }

    /// <summary>Whether a memory or history document of <paramref name="epoch"/> is readable.</summary>
    public bool Shows(long epoch) => VisibleFrom is not { } from || epoch >= from;

    /// <summary>
    /// An operation as readers see it: one that began before the current epoch reads as the erase leaves it
    /// (<see cref="MemoryOperation.SeenAfterErase"/>), deleted yet or not. Operations always carried their epoch, so this
    /// needs no stamping.
    /// </summary>
    public MemoryOperation? Show(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Epoch < Epoch ? operation.SeenAfterErase() : operation;
    }
}
