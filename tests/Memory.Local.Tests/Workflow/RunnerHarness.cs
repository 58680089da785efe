using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>The local runner with the rule-based decisions on the in-memory fakes (or on given stores), started like a hosted service.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    public static readonly MemoryPartition Partition = new("t1", "u1");

    private readonly InMemoryMemoryStore? _fakes;

    public RunnerHarness(IngestionOptions? options = null, IMemoryReconciler? reconciler = null)
        : this(new InMemoryMemoryStore(), null, options, reconciler)
    {
    }

    /// <summary>On <paramref name="memories"/> and <paramref name="operations"/> (the embedded store's, opened on <paramref name="clock"/>).</summary>
    public RunnerHarness(IMemoryStore memories, IOperationStore operations, ImmediateTimeProvider clock, IngestionOptions options)
        : this(memories, operations, options, null, clock)
    {
    }

    private RunnerHarness(IMemoryStore memories, IOperationStore? operations, IngestionOptions? options, IMemoryReconciler? reconciler, ImmediateTimeProvider? clock = null)
    {
        _fakes = memories as InMemoryMemoryStore;
        Memories = memories;
        OperationStore = operations ?? _fakes!.Operations;
        Clock = clock ?? new ImmediateTimeProvider(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        Steps = WorkflowStepServices.Build(
            Memories,
            OperationStore,
            new FakeEmbeddingGenerator(),
            new RuleBasedFactExtractor(),
            reconciler ?? new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())),
            new ExtractiveSummarizer(),
            options ?? new IngestionOptions(),
            Clock);
        Runner = new LocalWorkflowRunner(Steps, OperationStore, Options.Create(new LocalIngestionOptions { Workers = 2, QueueCapacity = 16 }), Clock, NullLogger<LocalWorkflowRunner>.Instance);
        Service = new IngestionService(Memories, OperationStore, Runner, Clock, NullLogger<IngestionService>.Instance);
    }

    public IMemoryStore Memories { get; }

    public IOperationStore OperationStore { get; }

    /// <summary>The in-memory fake (its write hooks); only on the fakes.</summary>
    public InMemoryMemoryStore Store => _fakes ?? throw new InvalidOperationException("This harness runs on the embedded store.");

    public InMemoryOperationStore Operations => Store.Operations;

    public ImmediateTimeProvider Clock { get; }

    public IServiceProvider Steps { get; }

    public LocalWorkflowRunner Runner { get; }

    public IngestionService Service { get; }

    public Task StartAsync() => Runner.StartAsync(CancellationToken.None);

    public IngestionRequest Turns(params string[] userTurns) =>
        new([.. userTurns.Select((text, i) => new ConversationMessage($"m{Clock.GetUtcNow().Ticks}_{i}", MessageRole.User, text, Clock.GetUtcNow()))], SessionId: "s1");

    /// <summary>Submits the turns and waits until the operation is finished.</summary>
    public async Task<MemoryOperation> IngestAsync(params string[] userTurns)
    {
        var submitted = await Service.SubmitAsync(Partition, Turns(userTurns), null);
        return await WaitAsync(submitted.Operation.Id);
    }

    public async Task<MemoryOperation> WaitAsync(string operationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await OperationStore.GetAsync(Partition, operationId) is { IsFinished: true } finished)
            {
                return finished;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Operation {operationId} did not finish.");
    }

    public async Task<List<MemoryRecord>> CurrentMemoriesAsync()
    {
        var page = await Memories.ListAsync(Partition, new MemoryFilter { At = Clock.GetUtcNow(), Kinds = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Episodic, MemoryKind.Procedural] }, 100, null);
        return [.. page.Items];
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Runner.StopAsync(timeout.Token);
        Runner.Dispose();
    }
}
