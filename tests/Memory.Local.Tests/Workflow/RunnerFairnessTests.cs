using System.Collections.Concurrent;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// Issue 25, symptom 5, through the runner itself rather than its scheduler alone: with one worker, ten of tenant A's
/// operations queued and then one of tenant B's, B's is the second to run. Behind the one FIFO the runner had until
/// session 5 it ran eleventh, after the whole flood (checked against 4a47bda: docs/security.md).
/// </summary>
public sealed class RunnerFairnessTests
{
    [Fact]
    public async Task Runner_TenantsFloodQueuedThenAnotherTenantsOneTurn_TheOtherRunsSecondNotAfterTheFlood()
    {
        var store = new InMemoryMemoryStore();
        var clock = new ImmediateTimeProvider(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var extractor = new SessionRecordingExtractor();
        var steps = WorkflowStepServices.Build(
            store,
            store.Operations,
            new FakeEmbeddingGenerator(),
            extractor,
            new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())),
            new ExtractiveSummarizer(),
            new IngestionOptions(),
            clock);
        var runner = new LocalWorkflowRunner(steps, store.Operations, Options.Create(new LocalIngestionOptions { Workers = 1, QueueCapacity = 64 }), clock, NullLogger<LocalWorkflowRunner>.Instance);
        var operations = Enumerable.Range(0, 10).Select(i => Operation("a", $"caller{i % 4}", $"a{i}", turns: 20)).Append(Operation("b", "bob", "b0", turns: 1)).ToList();
        foreach (var operation in operations)
        {
            await store.Operations.CreateAsync(operation);
            await runner.StartAsync(operation);
        }

        await runner.StartAsync(CancellationToken.None);
        try
        {
            foreach (var operation in operations)
            {
                await WaitFinishedAsync(store.Operations, operation);
            }
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await runner.StopAsync(timeout.Token);
            runner.Dispose();
        }

        var order = extractor.Sessions.ToList();
        Assert.Equal(operations.Count, order.Count);
        Assert.True(order.IndexOf("b0") == 1, $"B's operation ran {order.IndexOf("b0") + 1}th: {string.Join(", ", order)}");
    }

    private static MemoryOperation Operation(string tenant, string user, string id, int turns) => new()
    {
        Id = id,
        TenantId = tenant,
        UserId = user,
        Request = new IngestionRequest(
            [.. Enumerable.Range(0, turns).Select(turn => new ConversationMessage($"{id}_m{turn}", MessageRole.User, $"I visited town {turn} with {user}.", new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.Zero)))],
            SessionId: id),
    };

    private static async Task WaitFinishedAsync(InMemoryOperationStore operations, MemoryOperation operation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await operations.GetAsync(operation.Partition, operation.Id) is not { IsFinished: true })
        {
            Assert.True(DateTime.UtcNow < deadline, $"{operation.Id} did not finish");
            await Task.Delay(10);
        }
    }

    /// <summary>The rule-based extractor, noting which operation (its session) reached extraction, in the order they did.</summary>
    private sealed class SessionRecordingExtractor : IFactExtractor
    {
        private readonly RuleBasedFactExtractor _inner = new();

        public ConcurrentQueue<string> Sessions { get; } = new();

        public Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default)
        {
            Sessions.Enqueue(request.SessionId ?? "?");
            return _inner.ExtractAsync(request, cancellationToken);
        }
    }
}
