using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Durable;

internal static class DurableServiceCollectionExtensions
{
    /// <summary>The Durable Functions runner for ingestion. Replaces any other <see cref="IWorkflowStarter"/>: in this host, ingestion is durable.</summary>
    public static IServiceCollection AddDurableIngestion(this IServiceCollection services)
    {
        services.AddSingleton<DurableClientHolder>();
        services.AddSingleton<IWorkflowStarter, DurableWorkflowStarter>();
        return services;
    }
}
