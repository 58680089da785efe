using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Erasure;

/// <summary>
/// The steps of a background erase, shared by both runners (the local runner's loop, <see cref="InProcessErasure"/>, and
/// the Durable erase orchestration): count once, delete in bounded chunks reporting progress on the operation, then end
/// the operation and complete its audit record with the real outcome. Each step runs at least once and is idempotent.
/// </summary>
public sealed class ErasureSteps(
    IMemoryStore store, IOperationStore operations, ActiveOperationWriter writer, AdminAudit audit, TimeProvider timeProvider, ILogger<ErasureSteps> logger)
{
    /// <summary>The progress step name while documents are being deleted (<c>done</c>/<c>total</c> are records).</summary>
    public const string DeleteStep = "Erase_Delete";

    /// <summary>Marks the erase running and counts what it removes; a resumed erase keeps its first count.</summary>
    public async Task CountAsync(ErasureStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var operation = await operations.GetAsync(input.Partition, input.OperationId, cancellationToken);
        if (operation?.Erasure is not { } erasure || operation.IsFinished || operation.Status == OperationStatus.Running)
        {
            return;
        }

        var count = erasure.MemoriesErased is null ? await store.CountErasureAsync(input.Partition, input.Epoch, cancellationToken) : null;
        await writer.UpdateAsync(input.Partition, input.OperationId, DeleteStep, current => current with
        {
            Status = OperationStatus.Running,
            Erasure = count is null ? current.Erasure : current.Erasure! with { MemoriesErased = count.Memories, OperationsErased = count.Operations },
            Progress = new OperationProgress(DeleteStep, 0, count?.Documents ?? 0),
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes one bounded chunk and adds it to the operation's progress; true when nothing is left. The progress write is
    /// retried on its own: retrying the whole step after the chunk is gone would delete the next chunk instead and leave
    /// this one uncounted.
    /// </summary>
    public async Task<bool> DeleteAsync(ErasureStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chunk = await store.ContinueEraseAsync(input.Partition, input.Epoch, cancellationToken);
        if (chunk.Deleted > 0)
        {
            await ErasureRetry.RunAsync(
                () => writer.UpdateAsync(input.Partition, input.OperationId, DeleteStep, current => current with { Progress = Advance(current.Progress, chunk.Deleted) }, cancellationToken),
                timeProvider,
                cancellationToken);
        }

        return chunk.Finished;
    }

    /// <summary>
    /// Ends the operation (succeeded only when deleting reached the end and no workflow history is left) and writes the
    /// audit outcome, again on a re-run, so a crash between the two still leaves the outcome recorded.
    /// </summary>
    public async Task FinishAsync(ErasureEnd end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(end);
        var input = end.Erase;
        var incomplete = end.Failure ?? (end.InstancesLeft > 0 ? $"the history of {end.InstancesLeft} workflow instances could not be purged" : null);
        await writer.UpdateAsync(input.Partition, input.OperationId, "Erase_Finish", current => current with
        {
            Status = incomplete is null ? OperationStatus.Succeeded : OperationStatus.Failed,
            Error = incomplete is null ? null : Incomplete(incomplete),
            Erasure = current.Erasure! with { InstancesLeft = end.InstancesLeft },

            // A chunk whose progress write failed past its retries is deleted but not counted (the step is then retried as a
            // whole): once deleting reached the end, every counted document is gone, whatever the running tally says.
            Progress = incomplete is null && current.Progress is { } progress ? progress with { Done = progress.Total } : current.Progress,
        }, cancellationToken);

        var operation = await operations.GetAsync(input.Partition, input.OperationId, cancellationToken);
        if (operation?.Erasure is not { } erasure)
        {
            return;
        }

        var counts = new UserErasure(erasure.MemoriesErased ?? 0, erasure.OperationsErased ?? 0);
        var succeeded = operation.Status == OperationStatus.Succeeded;
        await audit.CompleteAsync(erasure.Audit, succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed, AuditDetails.Of(counts, erasure.InstancesLeft, succeeded ? null : end.Failure ?? "HistoryLeft"));
        Log.ErasureFinished(logger, input.OperationId, input.TenantId, operation.Status, erasure.InstancesLeft ?? 0);
    }

    /// <summary>The error of an erase that could not finish; the data is hidden from every read all the same.</summary>
    public static OperationError Incomplete(string why) => new(
        MemoryOperation.ProblemTypeEraseIncomplete,
        "Erase incomplete",
        $"The user's data is hidden from every read, but the erase could not finish: {why}. Erase the user again to finish it.");

    private static OperationProgress Advance(OperationProgress? progress, int deleted)
    {
        var done = (progress?.Done ?? 0) + deleted;
        return new OperationProgress(DeleteStep, done, Math.Max(done, progress?.Total ?? 0));
    }
}
