using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>Erasure and restarts on the Functions host, against the real engine.</summary>
public sealed class DurableLifecycleTests
{
    [Fact]
    public async Task EraseUser_FinishedAndRunningOperations_LeavesNoInstanceHistoryAndNoConversation()
    {
        using var gate = new ManualResetEventSlim();
        var extractor = new FailingFactExtractor(call =>
        {
            // The second conversation's extraction hangs until after the erase, like a slow model call.
            if (call == 2)
            {
                gate.Wait(TimeSpan.FromSeconds(30));
            }

            return null;
        });
        await using var host = await DurableFunctionsHost.StartAsync(services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();
        var finished = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."));
        var running = (await host.Ingestion.SubmitAsync(partition, DurableFunctionsHost.Turns("I work at Contoso."), "second")).Operation.Id;
        await WaitUntilAsync(() => extractor.Calls >= 2);

        var response = await EraseThroughTriggerAsync(host, partition);
        gate.Set();

        Assert.Equal(StatusCodes.Status200OK, response);
        Assert.Null(await host.Client.GetInstanceAsync(finished.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(running));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var export = await host.Memories.ExportAsync(partition);
        Assert.Empty(export.Memories);
        Assert.Empty(export.History);
        // What an erase leaves of an unfinished operation: a cancelled stub without the conversation.
        Assert.All(export.Operations, operation => Assert.Equal(OperationStatus.Cancelled, operation.Status));
        // One audit record covers stopping, erasing and purging, outside the erased partition.
        var audit = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ReadAsync(partition.TenantId, 10));
        Assert.Equal((AuditAction.EraseUser, AuditOutcome.Succeeded, partition.UserId, AuditCaller.Anonymous), (audit.Action, audit.Outcome, audit.UserId, audit.Actor));
        Assert.EndsWith("operations=2", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubmit_OperationWhoseInstanceFailed_PurgesAndRunsItAgain()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();
        var request = DurableFunctionsHost.Turns("I live in Oslo.");
        var operationId = MemoryIds.ForOperation(partition, epoch: 0, "key");
        var now = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<IOperationStore>().CreateAsync(new MemoryOperation
        {
            Id = operationId,
            TenantId = partition.TenantId,
            UserId = partition.UserId,
            Status = OperationStatus.Queued,
            Request = request,
            IdempotencyKey = "key",
            CreatedAt = now,
            UpdatedAt = now,
        });
        // An instance that died before its operation finished (here: started without input, so the orchestrator throws).
        await host.Client.ScheduleNewOrchestrationInstanceAsync(IngestionOrchestrator.Name, new StartOrchestrationOptions(operationId));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.WaitAsync(operationId)).RuntimeStatus);

        var again = await host.Ingestion.SubmitAsync(partition, request, "key");
        var rerun = await host.WaitAsync(operationId);

        Assert.False(again.Created);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, rerun.RuntimeStatus);
        var operation = Assert.Single((await host.Memories.ExportAsync(partition)).Operations);
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
    }

    private static async Task<int> EraseThroughTriggerAsync(DurableFunctionsHost host, MemoryPartition partition)
    {
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Request.Method = HttpMethods.Delete;
        context.Request.Headers[MemoryHeaders.TenantId] = partition.TenantId;
        context.Response.Body = new MemoryStream();
        var trigger = host.Services.GetRequiredService<UserHttpTriggers>();
        var result = await trigger.EraseUserAsync(context.Request, partition.UserId, host.Client, CancellationToken.None);
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the orchestration to reach the step");
            await Task.Delay(20);
        }
    }
}
