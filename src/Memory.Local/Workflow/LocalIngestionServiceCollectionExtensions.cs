using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Ingestion;
using MemoryFunctions.Local.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MemoryFunctions.Local;

public static class LocalIngestionServiceCollectionExtensions
{
    /// <summary>
    /// Asynchronous ingestion in-process: the workflow steps and submission service, the local runner (as
    /// <see cref="IWorkflowStarter"/> and hosted service) and the model-free decisions. Decisions use TryAdd, so LLM
    /// implementations registered before this call win. Options: <c>Memory:Ingestion</c> (and <c>:Reconciler</c>),
    /// validated at start-up. A memory store, an operation store and an embedding generator must be registered too.
    /// </summary>
    public static IServiceCollection AddLocalIngestion(this IServiceCollection services)
    {
        services.AddMemoryIngestion();
        services.AddOptions<LocalIngestionOptions>().BindConfiguration(LocalIngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimilarityReconcilerOptions>().BindConfiguration(SimilarityReconcilerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IFactExtractor, RuleBasedFactExtractor>();
        services.TryAddSingleton<IMemoryReconciler, SimilarityReconciler>();
        services.TryAddSingleton<ISummarizer, ExtractiveSummarizer>();
        services.TryAddSingleton<LocalWorkflowRunner>();
        services.TryAddSingleton<IWorkflowStarter>(provider => provider.GetRequiredService<LocalWorkflowRunner>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalWorkflowRunner>(provider => provider.GetRequiredService<LocalWorkflowRunner>()));
        return services;
    }
}
