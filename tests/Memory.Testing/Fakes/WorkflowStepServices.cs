using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// The workflow's steps as <c>AddMemoryIngestion</c> registers them (every handler of <see cref="WorkflowSteps.All"/>, and the
/// erase's steps, whose audit goes to an <see cref="InMemoryAuditLog"/>), over the given ports.
/// </summary>
public static class WorkflowStepServices
{
    public static ServiceProvider Build(
        IMemoryStore store,
        IOperationStore operations,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IFactExtractor extractor,
        IMemoryReconciler reconciler,
        ISummarizer summarizer,
        IngestionOptions options,
        TimeProvider clock)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(store);
        services.AddSingleton(operations);
        services.AddSingleton(embedder);
        services.AddSingleton(extractor);
        services.AddSingleton(reconciler);
        services.AddSingleton(summarizer);
        services.AddSingleton(clock);
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddSingleton<AdminAudit>();

        // A closed registration wins over the open IOptions<> one, so no configuration is bound.
        services.AddSingleton(Options.Create(options));
        services.AddMemoryIngestion();
        return services.BuildServiceProvider();
    }
}
