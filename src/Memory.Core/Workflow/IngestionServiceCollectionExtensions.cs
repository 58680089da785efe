using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Core.Workflow;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the host-independent parts of ingestion: options (<c>Memory:Ingestion</c>, validated at start-up), the
    /// workflow steps (every handler of <see cref="WorkflowSteps.All"/>), the submission service and the erase (<see cref="UserErasureService"/>, <see cref="ErasureSteps"/>). A runner (<see cref="IWorkflowStarter"/>), the decision ports and a store
    /// come from elsewhere (<c>AddLocalIngestion</c> or the Functions host). TryAdd throughout, so hosts can override.
    /// </summary>
    public static IServiceCollection AddMemoryIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActiveOperationWriter>();
        services.TryAddSingleton<ConditionalMemoryWriter>();
        foreach (var step in WorkflowSteps.All)
        {
            services.TryAddSingleton(step.HandlerType);
        }

        // The parts the reconcile step runs in-process.
        services.TryAddSingleton<EmbedFactsStep>();
        services.TryAddSingleton<FindSimilarStep>();
        services.TryAddSingleton<DecideStep>();

        services.TryAddSingleton<IngestionService>();
        // The erase shares the runner: its background part is an operation the same starter runs.
        services.TryAddSingleton<ErasureSteps>();
        services.TryAddSingleton<UserErasureService>();
        return services;
    }
}
