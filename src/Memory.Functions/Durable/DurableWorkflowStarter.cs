using DurableTask.Core.Exceptions;
using Grpc.Core;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Starts the operation's orchestration with the operation id as instance id: the ingestion orchestration, or the erase
/// orchestration for an erase operation. The caller starts only unfinished operations, so: an instance that is pending,
/// running or suspended is left alone (a second start is a no-op); one that ended Failed or Terminated while its operation
/// is still unfinished is purged and scheduled again, or the operation would stay queued forever. The check comes first
/// because the Durable host's default (<c>overridableExistingInstanceStates: NonRunningStates</c>) would otherwise silently
/// restart a completed instance; the catch covers two submissions racing between check and schedule.
/// </summary>
/// <remarks>
/// Each start first makes sure the <see cref="HistoryPurgeOrchestrator"/> runs, which purges ended instances' history after
/// <see cref="HistoryRetentionOptions.Retention"/>.
/// An ingestion scheduled while its user is being erased may appear in the task hub after the erase's last look; so right
/// after scheduling, the epoch is read again, and if an erase moved it, this starter removes the instance itself. Either the
/// erase's search saw the instance, or the epoch had moved before the instance existed and this read sees it.
/// </remarks>
internal sealed class DurableWorkflowStarter(DurableTaskClient client, IMemoryStore store, InstanceSweep sweep, FinishedHistoryPurge historyPurge, ILogger<DurableWorkflowStarter> logger) : IWorkflowStarter
{
    /// <summary>How long a submission waits for an instance it terminated (because its user was erased meanwhile) to end.</summary>
    private static readonly TimeSpan RemovalWait = TimeSpan.FromSeconds(10);

    public async Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Every instance started here is purged after it ended (Memory:DurableHistory), by a purge that must be running.
        await historyPurge.EnsureRunningAsync(client, cancellationToken);
        if (operation.Kind == OperationKind.Erase)
        {
            await ScheduleAsync(EraseOrchestrator.Name, new EraseOrchestration(ErasureStepInput.For(operation)), operation.Id, cancellationToken);
            return;
        }

        if (await ScheduleAsync(IngestionOrchestrator.Name, IngestionWorkflowInput.For(operation), operation.Id, cancellationToken)
            && await store.GetEpochAsync(operation.Partition, cancellationToken) != operation.Epoch
            && await sweep.RemoveAsync(client, operation.Id, RemovalWait, cancellationToken))
        {
            Log.InstanceRemovedAfterErase(logger, operation.Id);
        }
    }

    /// <summary>Schedules the instance unless it exists and is not Failed or Terminated; true when this call scheduled it.</summary>
    private async Task<bool> ScheduleAsync(string name, object input, string instanceId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            if (existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                Log.OrchestrationAlreadyExists(logger, instanceId, existing.RuntimeStatus.ToString());
                return false;
            }

            Log.OrchestrationRescheduling(logger, instanceId, existing.RuntimeStatus.ToString());
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            Log.OrchestrationScheduled(logger, instanceId);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            Log.OrchestrationAlreadyExists(logger, instanceId, "scheduled concurrently");
            return false;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
        {
            // Over gRPC (the Functions host) the host's AlreadyExists arrives as the raw status code.
            Log.OrchestrationAlreadyExists(logger, instanceId, "scheduled concurrently");
            return false;
        }
    }
}
