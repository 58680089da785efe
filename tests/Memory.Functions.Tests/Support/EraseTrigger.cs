using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>DELETE users/{userId} through the app's trigger, and the wait for the erase orchestration it answers with.</summary>
internal static class EraseTrigger
{
    /// <summary>The trigger's status and the id of the erase operation (its instance id) from the 202 body.</summary>
    public static async Task<(int Status, string OperationId)> EraseAsync(DurableFunctionsHost host, MemoryPartition partition)
    {
        var context = TriggerRequests.Create(host.Services, HttpMethods.Delete);
        context.Request.Headers[MemoryHeaders.TenantId] = partition.TenantId;
        var trigger = host.Services.GetRequiredService<UserHttpTriggers>();
        var result = await trigger.EraseUserAsync(context.Request, partition.UserId, host.Client, CancellationToken.None);
        var (status, body) = await TriggerRequests.ExecuteAsync(result, context);
        return (status, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>Erases through the trigger and waits until the erase orchestration ended; returns the erase operation.</summary>
    public static async Task<MemoryOperation> EraseToTheEndAsync(DurableFunctionsHost host, MemoryPartition partition)
    {
        var (status, operationId) = await EraseAsync(host, partition);
        if (status != StatusCodes.Status202Accepted)
        {
            throw new InvalidOperationException($"The erase answered {status}, not 202.");
        }

        var instance = await host.WaitAsync(operationId);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The erase orchestration ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
        }

        return (await host.Ingestion.GetOperationAsync(partition, operationId))!;
    }
}
