using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Core.Llm;

public static class LlmIngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LlmFactExtractor"/>, <see cref="LlmMemoryReconciler"/> and <see cref="LlmSummarizer"/> as the
    /// <see cref="IFactExtractor"/>, <see cref="IMemoryReconciler"/> and <see cref="ISummarizer"/> — but only when an
    /// <see cref="IChatClient"/> is already registered, so a configuration without a chat model keeps the local ones.
    /// </summary>
    /// <remarks>
    /// Order matters, because every registration here and in the local defaults uses TryAdd (first one wins):
    /// <c>AddOpenAIModels()</c> (registers the IChatClient when <c>Memory:OpenAI:ChatModel</c> is set), then
    /// <c>AddLlmIngestion()</c>, then the local defaults. Calling this after the local defaults changes nothing.
    /// </remarks>
    public static IServiceCollection AddLlmIngestion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IChatClient) && !d.IsKeyedService))
        {
            return services;
        }

        services.TryAddSingleton<IFactExtractor, LlmFactExtractor>();
        services.TryAddSingleton<IMemoryReconciler, LlmMemoryReconciler>();
        services.TryAddSingleton<ISummarizer, LlmSummarizer>();
        return services;
    }
}
