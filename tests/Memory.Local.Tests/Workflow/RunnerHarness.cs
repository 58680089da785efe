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

/// <summary>The local runner with the rule-based decisions on the in-memory fakes, started like a hosted service.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    public static readonly MemoryPartition Partition = new("t1", "u1");

    public RunnerHarness(IngestionOptions? options = null, IMemoryReconciler? reconciler = null)
    {
        Steps = WorkflowStepServices.Build(
            Store,
            Operations,
            new FakeEmbeddingGenerator(),
            new RuleBasedFactExtractor(),
            reconciler ?? new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())),
            new ExtractiveSummarizer(),
            options ?? new IngestionOptions(),
            Clock);
        Runner = new LocalWorkflowRunner(Steps, Operations, Options.Create(new LocalIngestionOptions { Workers = 2, QueueCapacity = 16 }), Clock, NullLogger<LocalWorkflowRunner>.Instance);
        Service = new IngestionService(Store, Operations, Runner, Clock, NullLogger<IngestionService>.Instance);
    }

    public InMemoryMemoryStore Store { get; } = new();

    public InMemoryOperationStore Operations => Store.Operations;

    public ImmediateTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

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
            if (await Operations.GetAsync(Partition, operationId) is { IsFinished: true } finished)
            {
                return finished;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Operation {operationId} did not finish.");
    }

    public async Task<List<MemoryRecord>> CurrentMemoriesAsync()
    {
        var page = await Store.ListAsync(Partition, new MemoryFilter { At = Clock.GetUtcNow(), Kinds = [MemoryKind.Fact, MemoryKind.Preference, MemoryKind.Episodic, MemoryKind.Procedural] }, 100, null);
        return [.. page.Items];
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Runner.StopAsync(timeout.Token);
        Runner.Dispose();
    }
}
