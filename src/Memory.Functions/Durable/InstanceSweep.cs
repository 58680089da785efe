using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Finds and removes the Durable instances of an erased user: orchestration history holds what the user said (inputs and
/// step results), so an erase is not done while any of it remains. Instance ids are operation ids, which start with the
/// user's prefix (<see cref="MemoryIds.OperationPrefix"/>) and carry the epoch they began in, so the task hub is searched by
/// <see cref="OrchestrationQuery.InstanceIdPrefix"/> after the epoch moved: an instance scheduled at any moment before is found.
/// </summary>
/// <remarks>
/// Semantics this follows (durabletask-dotnet, <c>DurableTaskClient</c>): terminating only enqueues a message (the instance
/// reaches <see cref="OrchestrationRuntimeStatus.Terminated"/> when a worker processes it; a completed or unknown instance
/// ignores it); purging removes history only of a terminal instance and answers 0 (or, over gRPC, FailedPrecondition as an
/// <see cref="InvalidOperationException"/>) for one that is not. So one pass terminates what still runs and purges what has
/// ended, and the caller repeats passes until nothing is left; a 0 from purge counts as left, never as done.
/// </remarks>
public sealed class InstanceSweep(ILogger<InstanceSweep> logger)
{
    private const string TerminationReason = "The user was erased.";

    private static readonly TimeSpan PurgeRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One pass over the user's instances of the epochs <paramref name="erase"/> erased: terminates the unfinished, purges the
    /// ended (older erase instances included once they ended). Returns how many are left; the erase's own instance and any
    /// instance of a later epoch (work accepted after the erase) are not touched.
    /// </summary>
    public async Task<int> PassAsync(DurableTaskClient client, ErasureStepInput erase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(erase);
        var prefix = MemoryIds.OperationPrefix(erase.Partition);
        var (left, purged) = (0, 0);
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix)).WithCancellation(cancellationToken))
        {
            if (!MemoryIds.TryReadOperationId(instance.InstanceId, prefix, out var epoch, out var isErase) || epoch >= erase.Epoch)
            {
                continue;
            }

            if (!instance.IsCompleted)
            {
                // An older erase still running is left to finish and record its outcome; it holds ids, not conversation.
                if (!isErase)
                {
                    await client.TerminateInstanceAsync(instance.InstanceId, TerminationReason, cancellationToken);
                    left++;
                }

                continue;
            }

            if (await PurgeAsync(client, instance.InstanceId, cancellationToken))
            {
                purged++;
            }
            else
            {
                left++;
            }
        }

        Log.InstancesSwept(logger, erase.OperationId, purged, left);
        return left;
    }

    /// <summary>
    /// Removes one instance (terminate, wait until it ended, purge): what the ingestion starter does when it learns, right after
    /// scheduling, that an erase moved the epoch meanwhile, whose passes may have looked before the instance existed.
    /// </summary>
    public async Task<bool> RemoveAsync(DurableTaskClient client, string instanceId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.TerminateInstanceAsync(instanceId, TerminationReason, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, timeout.Token);

            // The status can read as ended a moment before the backend is done with the instance: a purge then answers 0, or
            // the instance's last work item writes its state back after the purge. Purged again until it stays gone, within
            // the same wait; never counted as done while the instance is there.
            while (true)
            {
                await PurgeAsync(client, instanceId, cancellationToken);
                await Task.Delay(PurgeRetryDelay, timeout.Token);
                if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.InstanceNotRemoved(logger, instanceId);
            return false;
        }
    }

    private static async Task<bool> PurgeAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount > 0;
        }
        catch (InvalidOperationException)
        {
            // Not terminal after all (it changed since the query): left for the next pass.
            return false;
        }
    }
}
