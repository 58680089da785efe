using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The Durable half of erasing a user: orchestration history holds the conversation text (inputs and step results),
/// so erasure must remove the user's instances too. Instance ids are operation ids (hashes of partition and key), so
/// they cannot be listed by user in the task hub: they are read from the operation store before it is erased.
/// </summary>
public sealed class DurableUserErasure(IOperationStore operations, ILogger<DurableUserErasure> logger)
{
    /// <summary>How long a terminated instance may take to reach its terminal state before the store is erased anyway.</summary>
    private static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Terminates the user's unfinished instances (so no step starts after the store is erased) and returns every
    /// instance id, to purge with <see cref="PurgeAsync"/> once the store is erased: an instance that ends in between
    /// is purged as well.
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync(DurableTaskClient client, MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceIds = new List<string>();
        await foreach (var operation in operations.ExportAsync(partition, cancellationToken))
        {
            instanceIds.Add(operation.Id);
        }

        foreach (var instanceId in instanceIds)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null || instance.IsCompleted)
            {
                continue;
            }

            await client.TerminateInstanceAsync(instanceId, "The user was erased.", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TerminationWait);
            try
            {
                await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Log.TerminationSlow(logger, instanceId);
            }
        }

        return instanceIds;
    }

    /// <summary>Purges the instances' history (inputs, outputs, step results); an unknown id is not an error.</summary>
    public async Task PurgeAsync(DurableTaskClient client, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instanceIds);
        var purged = 0;
        foreach (var instanceId in instanceIds)
        {
            purged += (await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        Log.InstancesPurged(logger, purged, instanceIds.Count);
    }
}
