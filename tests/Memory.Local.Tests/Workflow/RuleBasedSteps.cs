using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// The ingestion workflow's steps with the rule-based decisions and the fake embedder, refreshing the session summary and
/// the profile at every turn and fact, so a short conversation reaches every step; run one step at a time by the tests
/// that stop a workflow between steps (a crash, an erase).
/// </summary>
internal static class RuleBasedSteps
{
    public static ServiceProvider Build(IMemoryStore memories, IOperationStore operations, TimeProvider clock) => WorkflowStepServices.Build(
        memories,
        operations,
        new FakeEmbeddingGenerator(),
        new RuleBasedFactExtractor(),
        new SimilarityReconciler(Options.Create(new SimilarityReconcilerOptions())),
        new ExtractiveSummarizer(),
        new IngestionOptions { SessionSummaryEveryTurns = 1, ProfileEveryFacts = 1 },
        clock);

    public static LocalWorkflowContext Context(IServiceProvider steps, TimeProvider clock, string operationId) =>
        new(steps, clock, NullLogger.Instance, operationId, CancellationToken.None);
}
