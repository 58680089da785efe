using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Cosmos;
using MemoryFunctions.Local;
using MemoryFunctions.OpenAI;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// Chooses the store and the models from configuration: the embedded store and local models by default, Cosmos DB with
/// <c>Memory:Store = Cosmos</c>, and real models as soon as <c>Memory:OpenAI</c> names them. Order matters: the real
/// implementations are registered first and the local ones use TryAdd, so they only fill what is left.
/// </summary>
public static class MemoryBackendExtensions
{
    public const string StoreSetting = "Memory:Store";

    public static IServiceCollection AddMemoryBackends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = configuration[StoreSetting] ?? "Local";
        if (string.Equals(store, "Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            services.AddCosmosMemoryStore();
        }
        else if (string.Equals(store, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddLocalMemoryStore();
        }
        else
        {
            throw new InvalidOperationException($"{StoreSetting} is '{store}'. Set it to 'Local' (the embedded store, default) or 'Cosmos' (with Memory:Cosmos:AccountEndpoint).");
        }

        services.AddMemoryStoreTelemetry();
        services.AddOpenAIModels(configuration);
        services.AddLlmIngestion();
        services.AddHashingEmbedder();
        services.AddLocalIngestion();
        return services;
    }
}
