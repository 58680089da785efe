using System.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Bench.Ingestion;

/// <summary>
/// The workflow's steps over one embedded store, composed as the local server composes them (rule-based extractor,
/// similarity reconciler, extractive summariser) with the embedder given; operations run here when asked, not queued.
/// </summary>
internal sealed class WorkflowRig : IAsyncDisposable, IWorkflowStarter
{
    private readonly LocalStorageEngine _engine;
    private readonly ServiceProvider _services;
    private readonly IngestionService _ingestion;

    private WorkflowRig(LocalStorageEngine engine, ServiceProvider services)
    {
        _engine = engine;
        _services = services;
        _ingestion = new IngestionService(
            services.GetRequiredService<IMemoryStore>(), services.GetRequiredService<IOperationStore>(), this, TimeProvider.System, NullLogger<IngestionService>.Instance);
    }

    /// <summary>Where the last request's time went, per step.</summary>
    public IReadOnlyDictionary<string, double> LastSteps { get; private set; } = new Dictionary<string, double>();

    public static WorkflowRig Open(string directory, IngestionOptions options, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
        var collection = new ServiceCollection();
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<IMemoryStore>(new LocalMemoryStore(engine));
        collection.AddSingleton<IOperationStore>(new LocalOperationStore(engine));
        collection.AddSingleton(embedder);
        collection.AddSingleton<IFactExtractor, RuleBasedFactExtractor>();
        collection.AddSingleton<IMemoryReconciler>(new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())));
        collection.AddSingleton<ISummarizer, ExtractiveSummarizer>();
        collection.AddSingleton(Options.Create(options));
        collection.AddMemoryIngestion();
        return new WorkflowRig(engine, collection.BuildServiceProvider());
    }

    /// <returns>Wall and process CPU time from submission to the workflow's end (the CPU time is the process's: exact only when nothing else runs meanwhile).</returns>
    public async Task<(double Ms, double CpuMs, MemoryOperation Operation)> IngestAsync(string user, IngestionRequest request, CancellationToken cancellationToken)
    {
        var partition = Partition(user);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var operation = (await _ingestion.SubmitAsync(partition, request, null, cancellationToken: cancellationToken)).Operation;
        var context = new StepTimingContext(new LocalWorkflowContext(
            _services, TimeProvider.System, NullLogger.Instance, operation.Id, cancellationToken));
        await IngestionWorkflow.RunAsync(context, IngestionWorkflowInput.For(operation));
        LastSteps = context.Milliseconds;
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return (ms, cpuMs, (await _services.GetRequiredService<IOperationStore>().GetAsync(partition, operation.Id, cancellationToken))!);
    }

    public async Task<int> CountTurnsAsync(string user, CancellationToken cancellationToken)
    {
        var filter = new MemoryFilter { At = DateTimeOffset.UtcNow, Kinds = [MemoryKind.Turn] };
        var page = await _services.GetRequiredService<IMemoryStore>().ListAsync(Partition(user), filter, 1000, null, cancellationToken);
        return page.Items.Count;
    }

    public Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static MemoryPartition Partition(string user) => new("bench", "workflow-" + user);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
    }
}
