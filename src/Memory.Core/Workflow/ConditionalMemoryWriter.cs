using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The apply step's read-modify-write of one memory, fenced with the operation's epoch.</summary>
public sealed class ConditionalMemoryWriter(IMemoryStore store, ILogger<ConditionalMemoryWriter> logger)
{
    /// <summary>
    /// Read-modify-write with the ETag as precondition, re-reading on conflict. <paramref name="change"/> returns null
    /// when the memory already is as wanted (the idempotent case): nothing is written.
    /// </summary>
    internal async Task<MemoryWriteResult> ChangeAsync(
        ApplyWork input, string memoryId, HistoryOperation operation, Func<MemoryRecord, MemoryRecord?> change, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= IngestionConventions.MaxWriteAttempts; attempt++)
        {
            var current = await store.GetAsync(input.Partition, memoryId, cancellationToken);
            if (current is null)
            {
                return MemoryWriteResult.NotFound;
            }

            var changed = change(current);
            if (changed is null)
            {
                return new MemoryWriteResult(WriteStatus.AlreadyExists, current);
            }

            // Keyed on the version changed, not only the operation: one operation may change a memory twice (two facts),
            // and a re-run re-reads the same version for a write that did not happen (a done one needs no write).
            var history = HistoryEvents.For(
                changed, operation, current.Text, operation == HistoryOperation.Delete ? null : changed.Text, changed.UpdatedAt, IngestionConventions.Actor, input.OperationId, reason, discriminator: $"{input.OperationId}/{current.ETag}");
            var result = PartitionErasedException.ThrowIfErased(await store.ReplaceAsync(input.Partition, changed, current.ETag, history, MemoryWriteOptions.InEpoch(input.Epoch), cancellationToken));
            if (result.Status != WriteStatus.PreconditionFailed)
            {
                return result;
            }

            Log.WriteConflict(logger, input.OperationId, memoryId, attempt);
        }

        // Transient by nature (others keep writing the same memory): the step's retry policy takes it from here.
        throw new TimeoutException($"Memory {memoryId} kept changing during {IngestionConventions.MaxWriteAttempts} attempts to write it.");
    }
}
