using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Testing.Fakes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// The orchestration on the backend the Functions app deploys with: the Durable Task Azure Storage provider (control and
/// work-item queues, history and instance tables, a blob container for payloads over the queue limit) against Azurite.
/// What InProcessTestHost's in-memory backend cannot show: payloads offloaded to blobs and purged with the instance,
/// terminate and purge against real storage (timed), and a host stopped in the middle of a step.
/// </summary>
public sealed class AzureStorageBackendTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [SkippableFact]
    public async Task Ingest_FactsOverTheQueueLimit_GoToBlobsAndPurgeRemovesThem()
    {
        var hub = TaskHub();
        var data = Directory.CreateTempSubdirectory("memory-functions-azure-").FullName;
        var extractor = new FakeFactExtractor { Facts = [.. Enumerable.Range(0, 60).Select(LongFact)] };
        await using var host = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("Long facts follow."));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        var blobs = await LargeMessageBlobsAsync(hub, instance.InstanceId);
        output.WriteLine($"large-message blobs of the instance: {blobs.Count}");
        Assert.NotEmpty(blobs);

        var purged = await host.Client.PurgeInstanceAsync(instance.InstanceId);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(instance.InstanceId));
        Assert.Empty(await LargeMessageBlobsAsync(hub, instance.InstanceId));
    }

    /// <summary>
    /// Issue 25, symptom 3: every history event of an ingestion, read back from the backend's history table (payloads in
    /// blobs included) and serialized whole, holds the extracted facts and none of the turn's other words while the
    /// retention runs; after it, the history purge (<c>HistoryPurgeOrchestrator</c>, a pass every 200 ms here) leaves no
    /// event, no instance and none of its large-payload blobs, without anyone purging by hand. Two hosts on one hub: the
    /// first keeps history an hour, so it can be walked; the second, the same app restarted with no retention, purges it.
    /// </summary>
    [SkippableFact]
    public async Task Ingest_EveryHistoryEventWalked_FactsAndNoTurnUntilTheRetentionThenNoEvent()
    {
        const string Chatter = "Hmm, let me think about the zebra lake for a while";
        var hub = TaskHub();
        var data = Directory.CreateTempSubdirectory("memory-functions-azure-").FullName;
        var extractor = new FakeFactExtractor { Facts = [.. Enumerable.Range(0, 60).Select(LongFact)] };
        Action<IServiceCollection> Retaining(TimeSpan retention) => services =>
        {
            services.AddSingleton<IFactExtractor>(extractor);
            services.Configure<HistoryRetentionOptions>(options => (options.Retention, options.PurgeInterval) = (retention, TimeSpan.FromMilliseconds(200)));
        };
        var partition = DurableFunctionsHost.NewPartition();
        string operationId;
        await using (var first = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, Retaining(TimeSpan.FromHours(1))))
        {
            operationId = (await first.Ingestion.SubmitAsync(partition, DurableFunctionsHost.Turns($"Long facts follow. {Chatter}."), null)).Operation.Id;
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await first.Client.WaitForInstanceCompletionAsync(operationId, wait.Token);
            var events = await HistoryEventsAsync(first, operationId);
            var blobs = await LargeMessageBlobsAsync(hub, operationId);
            output.WriteLine($"history events of the instance: {events.Count}, large-message blobs: {blobs.Count}");
            Assert.NotEmpty(events);
            Assert.NotEmpty(blobs);
            Assert.DoesNotContain(events, text => text.Contains(Chatter, StringComparison.Ordinal));
            Assert.Contains(events, text => text.Contains("Fact 0: detail 0", StringComparison.Ordinal));
        }

        await using var second = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, Retaining(TimeSpan.Zero));
        // The backend deletes the instance row, the history rows and the blobs in parallel: wait for all three (or the bound).
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline
            && (await second.Client.GetInstanceAsync(operationId) is not null || (await LargeMessageBlobsAsync(hub, operationId)).Count > 0))
        {
            await Task.Delay(200);
        }

        Assert.Null(await second.Client.GetInstanceAsync(operationId));
        Assert.Empty(await HistoryEventsAsync(second, operationId));
        Assert.Empty(await LargeMessageBlobsAsync(hub, operationId));
        Assert.Equal(OperationStatus.Succeeded, (await second.Ingestion.GetOperationAsync(partition, operationId))!.Status);
        Assert.Equal(60, (await second.Memories.ExportAsync(partition)).Memories.Count(memory => memory.Text.StartsWith("Fact ", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task TerminateThenPurge_RunningInstance_EndsAndLeavesNothing()
    {
        var hub = TaskHub();
        var data = Directory.CreateTempSubdirectory("memory-functions-azure-").FullName;
        using var gate = new ManualResetEventSlim();
        var extractor = new FailingFactExtractor(call =>
        {
            gate.Wait(TimeSpan.FromSeconds(60));
            return null;
        });
        await using var host = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();
        var operation = (await host.Ingestion.SubmitAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."), null)).Operation;
        await WaitUntilAsync(() => extractor.Calls >= 1);

        var clock = Stopwatch.StartNew();
        await host.Client.TerminateInstanceAsync(operation.Id, "The user was erased.");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var terminated = await host.Client.WaitForInstanceCompletionAsync(operation.Id, getInputsAndOutputs: false, wait.Token);
        var terminateTime = clock.Elapsed;
        clock.Restart();
        var purged = await host.Client.PurgeInstanceAsync(operation.Id);
        var purgeTime = clock.Elapsed;
        gate.Set();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"terminate → Terminated {terminateTime.TotalMilliseconds:F0} ms, purge {purgeTime.TotalMilliseconds:F0} ms (an activity still running)"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(operation.Id));
    }

    [SkippableFact]
    public async Task Restart_HostStoppedDuringAStep_ResumesAndWritesEachMemoryOnce()
    {
        var hub = TaskHub();
        var data = Directory.CreateTempSubdirectory("memory-functions-azure-").FullName;
        using var gate = new ManualResetEventSlim();
        var extractor = new FailingFactExtractor(call =>
        {
            if (call == 1)
            {
                gate.Wait(TimeSpan.FromSeconds(60));
            }

            return null;
        });
        void Configure(IServiceCollection services) => services.AddSingleton<IFactExtractor>(extractor);
        var partition = DurableFunctionsHost.NewPartition();
        string operationId;
        await using (var first = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, Configure))
        {
            operationId = (await first.Ingestion.SubmitAsync(partition, DurableFunctionsHost.Turns("I live in Oslo.", "I work at Contoso."), null)).Operation.Id;
            await WaitUntilAsync(() => extractor.Calls >= 1);
            var stopping = first.DisposeAsync();
            gate.Set();
            await stopping;
        }

        await using var second = await DurableFunctionsHost.StartOnAzureStorageAsync(azurite.ConnectionString, hub, data, Configure);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var instance = await second.Client.WaitForInstanceCompletionAsync(operationId, getInputsAndOutputs: true, wait.Token);

        output.WriteLine($"extraction ran {extractor.Calls} times across the restart");
        Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        var export = await second.Memories.ExportAsync(partition);
        Assert.Equal(export.Memories.Count, export.Memories.Select(memory => memory.Id).Distinct().Count());
        Assert.Equal(2, export.Memories.Count(memory => memory.Kind is not (MemoryKind.Summary or MemoryKind.Profile or MemoryKind.Turn)));
    }

    private static string TaskHub() => "memtest" + Guid.NewGuid().ToString("N")[..12];

    private static CandidateFact LongFact(int index) => new(
        $"Fact {index}: " + string.Concat(Enumerable.Repeat($"detail {index} of a long statement, ", 30))[..900],
        MemoryKind.Fact, 0.9, 0.5, ["m0"]);

    /// <summary>Every history event of the instance's latest execution as the backend returns it, each serialized whole.</summary>
    private static async Task<List<string>> HistoryEventsAsync(DurableFunctionsHost host, string instanceId)
    {
        var history = await host.Backend!.GetOrchestrationHistoryAsync(instanceId, null);
        return string.IsNullOrEmpty(history) ? [] : [.. System.Text.Json.Nodes.JsonNode.Parse(history)!.AsArray().Select(historyEvent => historyEvent!.ToJsonString())];
    }

    /// <summary>Blobs the backend wrote for payloads over its queue and table limits, in the hub's large-message container.</summary>
    private async Task<List<string>> LargeMessageBlobsAsync(string hub, string instanceId)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"{hub}-largemessages");
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the step to start");
            await Task.Delay(50);
        }
    }
}
