using DurableTask.Core.Exceptions;
using Grpc.Core;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Starts the ingestion orchestration with the operation id as instance id. Starting twice is not an error: an
/// instance that exists in any state is left alone. The check comes first because the Durable host's default
/// (<c>overridableExistingInstanceStates: NonRunningStates</c>) would otherwise restart a completed or failed instance;
/// the catch covers two submissions racing between check and schedule.
/// </summary>
internal sealed class DurableWorkflowStarter(DurableClientHolder clients, ILogger<DurableWorkflowStarter> logger) : IWorkflowStarter
{
    public async Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var client = clients.Client;
        var existing = await client.GetInstanceAsync(operation.Id, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            Log.OrchestrationAlreadyExists(logger, operation.Id, existing.RuntimeStatus.ToString());
            return;
        }

        var input = new IngestionWorkflowInput(operation.Id, operation.Partition, operation.Request);
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
            // Durable Task clients before 1.22 surface the host's AlreadyExists as the raw gRPC error.
            Log.OrchestrationAlreadyExists(logger, operation.Id, "scheduled concurrently");
        }
    }
}
