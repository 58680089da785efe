using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Functions.Durable;

internal static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// The Durable Functions runner for ingestion. There is no DI-registered <c>IWorkflowStarter</c> on this host: the
    /// starter needs the invocation's <c>[DurableClient]</c>, so triggers get their <c>IngestionService</c> from
    /// <see cref="DurableIngestion.For"/>.
    /// </summary>
    public static IServiceCollection AddDurableIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton<DurableIngestion>();
        services.TryAddSingleton<InstanceSweep>();
        services.TryAddSingleton<FinishedHistoryPurge>();
        services.AddOptions<HistoryRetentionOptions>().BindConfiguration(HistoryRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
