using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// Issue 25, symptom 3, on the Functions host: the history purge on the real engine (InProcessTestHost). An ended instance
/// is purged once its retention has passed, and not before; only its history goes, the operation and its memories stay.
/// What history holds event by event is walked on the Azure Storage backend, whose history table can be read back
/// (<c>AzureStorageBackendTests.Ingest_EveryHistoryEventWalked_FactsAndNoTurnUntilTheRetentionThenNoEvent</c>): the
/// in-process host's in-memory service returns no history.
/// </summary>
public sealed class HistoryRetentionDurableTests
{
    [Fact]
    public async Task Ingest_EndedPastTheRetention_TheInstanceIsPurgedTheOperationAndMemoriesStay()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services => services.Configure<HistoryRetentionOptions>(options =>
            (options.Retention, options.PurgeInterval) = (TimeSpan.Zero, TimeSpan.FromMilliseconds(200))));
        var partition = DurableFunctionsHost.NewPartition();

        var submitted = await host.Ingestion.SubmitAsync(partition, DurableFunctionsHost.Turns("I live in Tromso."), idempotencyKey: null);
        var instanceId = submitted.Operation.Id;
        await WaitUntilGoneAsync(host, instanceId);

        Assert.Equal(OperationStatus.Succeeded, (await host.Ingestion.GetOperationAsync(partition, instanceId))!.Status);
        Assert.Contains((await host.Memories.ExportAsync(partition)).Memories, memory => memory.Text.Contains("Tromso", StringComparison.Ordinal));
        Assert.False((await host.Client.GetInstanceAsync(HistoryPurgeOrchestrator.InstanceId))!.IsCompleted);
    }

    [Fact]
    public async Task Ingest_CompletedWithinTheRetention_TheInstanceStaysThroughThreePasses()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services => services.Configure<HistoryRetentionOptions>(options =>
            (options.Retention, options.PurgeInterval) = (TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(100))));

        var finished = await host.IngestAsync(DurableFunctionsHost.NewPartition(), DurableFunctionsHost.Turns("I live in Tromso."));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (host.Activities.Of(HistoryPurgeOrchestrator.InstanceId).Count < 3)
        {
            await Task.Delay(100, timeout.Token);
        }

        var instance = await host.Client.GetInstanceAsync(finished.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
    }

    private static async Task WaitUntilGoneAsync(DurableFunctionsHost host, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
        while (await host.Client.GetInstanceAsync(instanceId, timeout.Token) is not null)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
