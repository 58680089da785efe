using DurableTask.Core.Exceptions;
using Grpc.Core;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Starts the ingestion orchestration with the operation id as instance id. <c>IngestionService</c> calls it only for
/// an unfinished operation, so: an instance that is pending, running or suspended is left alone (a second start is a
/// no-op); one that ended Failed or Terminated while its operation is still unfinished is purged and scheduled again,
/// or the operation would stay queued forever. The check comes first because the Durable host's default
/// (<c>overridableExistingInstanceStates: NonRunningStates</c>) would otherwise silently restart a completed instance;
/// the catch covers two submissions racing between check and schedule.
/// </summary>
internal sealed class DurableWorkflowStarter(DurableTaskClient client, ILogger<DurableWorkflowStarter> logger) : IWorkflowStarter
{
    public async Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var existing = await client.GetInstanceAsync(operation.Id, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            if (existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                Log.OrchestrationAlreadyExists(logger, operation.Id, existing.RuntimeStatus.ToString());
                return;
            }

            Log.OrchestrationRescheduling(logger, operation.Id, existing.RuntimeStatus.ToString());
            await client.PurgeInstanceAsync(operation.Id, cancellation: cancellationToken);
        }

        var input = IngestionWorkflowInput.For(operation);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                IngestionOrchestrator.Name, input, new StartOrchestrationOptions(operation.Id), cancellationToken);
            Log.OrchestrationScheduled(logger, operation.Id);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            Log.OrchestrationAlreadyExists(logger, operation.Id, "scheduled concurrently");
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
        {
            // Over gRPC (the Functions host) the host's AlreadyExists arrives as the raw status code.
            Log.OrchestrationAlreadyExists(logger, operation.Id, "scheduled concurrently");
        }
    }
}
