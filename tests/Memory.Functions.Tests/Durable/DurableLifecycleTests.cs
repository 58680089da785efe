using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>Erasure and restarts on the Functions host, against the real engine.</summary>
public sealed class DurableLifecycleTests
{
    [Fact]
    public async Task EraseUser_FinishedAndRunningOperations_202ThenNoInstanceHistoryAndNoConversation()
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

        var (status, eraseId) = await EraseTrigger.EraseAsync(host, partition);
        // Acknowledged = invisible: the running operation reads as the cancelled stub before anything was deleted.
        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal(OperationStatus.Cancelled, (await host.Ingestion.GetOperationAsync(partition, running))!.Status);
        Assert.Empty((await host.Memories.ExportAsync(partition)).Memories);
        gate.Set();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(eraseId)).RuntimeStatus);

        var erase = (await host.Ingestion.GetOperationAsync(partition, eraseId))!;
        Assert.Equal((OperationKind.Erase, OperationStatus.Succeeded, 0), (erase.Kind, erase.Status, erase.Erasure!.InstancesLeft));
        Assert.Null(await host.Client.GetInstanceAsync(finished.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(running));
        var export = await host.Memories.ExportAsync(partition);
        Assert.Empty(export.Memories);
        Assert.Empty(export.History);
        // What an erase leaves of an unfinished operation: a cancelled stub without the conversation; and the erase itself.
        Assert.Equal([(OperationKind.Ingestion, OperationStatus.Cancelled), (OperationKind.Erase, OperationStatus.Succeeded)], export.Operations.Select(o => (o.Kind, o.Status)).Order());
        // One audit record covers stopping, erasing and purging, outside the erased partition, completed when the orchestration ended.
        var audit = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().ReadAsync(partition.TenantId, 10));
        Assert.Equal((AuditAction.EraseUser, AuditOutcome.Succeeded, partition.UserId, AuditCaller.Anonymous), (audit.Action, audit.Outcome, audit.UserId, audit.Actor));
        Assert.EndsWith("operations=2 instancesLeft=0", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_AcceptedBeforeTheEraseButScheduledAfterItsLastSweep_TerminatedAndPurgedByItsStarter()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();
        // The race of defect 4: the operation is created in the old epoch, then the whole erase runs, then the instance is scheduled.
        var operations = new EraseAfterCreate(host.Services.GetRequiredService<IOperationStore>(), () => EraseTrigger.EraseToTheEndAsync(host, partition));
        var ingestion = new DurableIngestion(
            host.Services.GetRequiredService<IMemoryStore>(),
            operations,
            host.Services.GetRequiredService<InstanceSweep>(),
            host.Services.GetRequiredService<FinishedHistoryPurge>(),
            host.Services.GetRequiredService<AdminAudit>(),
            host.Services.GetRequiredService<ConversationParticipants>(),
            TimeProvider.System,
            host.Services.GetRequiredService<ILoggerFactory>());

        var submitted = await ingestion.For(host.Client).SubmitAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."), idempotencyKey: null);

        Assert.Equal(OperationStatus.Succeeded, operations.Erase!.Status);
        Assert.Null(await host.Client.GetInstanceAsync(submitted.Operation.Id));
        Assert.Equal(OperationStatus.Cancelled, (await host.Ingestion.GetOperationAsync(partition, submitted.Operation.Id))!.Status);
        Assert.Empty((await host.Memories.ExportAsync(partition)).Memories);
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

    /// <summary>An operation store that runs a whole erase right after a create succeeded, before the creator can start the workflow.</summary>
    private sealed class EraseAfterCreate(IOperationStore inner, Func<Task<MemoryOperation>> erase) : IOperationStore
    {
        public MemoryOperation? Erase { get; private set; }

        public async Task<OperationWriteResult> CreateAsync(MemoryOperation operation, CancellationToken cancellationToken = default)
        {
            var created = await inner.CreateAsync(operation, cancellationToken);
            Erase = await erase();
            return created;
        }

        public Task<MemoryOperation?> GetAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default) =>
            inner.GetAsync(partition, operationId, cancellationToken);

        public Task<OperationWriteResult> UpdateAsync(MemoryOperation operation, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(operation, cancellationToken);

        public IAsyncEnumerable<MemoryOperation> ListUnfinishedAsync(CancellationToken cancellationToken = default) => inner.ListUnfinishedAsync(cancellationToken);

        public IAsyncEnumerable<MemoryOperation> ExportAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
            inner.ExportAsync(partition, cancellationToken);
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
