using MemoryFunctions.Core;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Testing.Fakes;
using MemoryFunctions.Testing.Server;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The Functions app's orchestrator and activities on the real Durable Task engine (in-process sidecar over loopback
/// gRPC), over the embedded store in a temporary directory, with the model-free extractor, reconciler and summarizer.
/// <c>configure</c> runs before the defaults are added, so a test can put a failing decorator in front of them.
/// </summary>
internal sealed partial class DurableFunctionsHost : IAsyncDisposable
{
    private readonly Func<ValueTask> _stop;
    private readonly string? _ownedDataDirectory;

    private DurableFunctionsHost(DurableTaskClient client, IServiceProvider services, Func<ValueTask> stop, string? ownedDataDirectory)
    {
        Client = client;
        Services = services;
        _stop = stop;
        _ownedDataDirectory = ownedDataDirectory;
    }

    public DurableTaskClient Client { get; }

    /// <summary>
    /// The orchestration service itself, where the backend can return an instance's whole history (the Azure Storage
    /// backend's history table; the in-process test host's in-memory service cannot, and its sidecar streams none).
    /// </summary>
    public DurableTask.Core.IOrchestrationServiceClient? Backend { get; private init; }

    public IServiceProvider Services { get; }

    /// <summary>The <see cref="IngestionService"/> a trigger gets for this client: submissions start real orchestrations.</summary>
    public IngestionService Ingestion => Services.GetRequiredService<DurableIngestion>().For(Client);

    /// <summary>The erase a trigger gets for this client: it always goes on in the erase orchestration.</summary>
    public UserErasureService Erasure => Services.GetRequiredService<DurableIngestion>().ErasureFor(Client);

    public MemoryService Memories => Services.GetRequiredService<MemoryService>();

    public ActivityLog Activities => Services.GetRequiredService<ActivityLog>();

    public static async Task<DurableFunctionsHost> StartAsync(
        Action<IServiceCollection>? configure = null, Action<Microsoft.DurableTask.TaskOrchestrationContext>? onEpisode = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("memory-functions-durable-").FullName;
        var converter = WorkerDataConverter.FromWorkerDefaults();
        var host = await DurableTaskTestHost.StartAsync(tasks => FunctionsTaskRegistry.Register(tasks, onEpisode), new DurableTaskTestHostOptions
        {
            Port = LoopbackPort.Next(),
            ConfigureServices = services => FunctionsAppServices.Add(services, dataDirectory, converter, configure),
        });
        return new DurableFunctionsHost(host.Client, host.Services, host.DisposeAsync, dataDirectory);
    }

    public static MemoryPartition NewPartition() => new("tenant-durable", "user-" + Guid.NewGuid().ToString("N")[..12]);

    public static IngestionRequest Turns(params string[] userTurns) =>
        new([.. userTurns.Select((text, i) => new ConversationMessage(
            "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageRole.User, text, DateTimeOffset.UnixEpoch.AddDays(20_000).AddMinutes(i)))]);

    /// <summary>Submits through the app's starter and waits for the orchestration to end.</summary>
    public async Task<OrchestrationMetadata> IngestAsync(MemoryPartition partition, IngestionRequest request, string? idempotencyKey = null)
    {
        var submission = await Ingestion.SubmitAsync(partition, request, idempotencyKey);
        return await WaitAsync(submission.Operation.Id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop();
        if (_ownedDataDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_ownedDataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleanup; the test's result does not depend on it.
        }
    }
}
