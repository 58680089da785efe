using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Cosmos;
using MemoryFunctions.Embeddings.MiniLM;
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
    public const string EmbedderSetting = "Memory:Embeddings:Provider";

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
        AddLocalEmbedder(services, configuration);
        services.AddLocalIngestion();
        return services;
    }

    /// <summary>The local embedder, used when Memory:OpenAI names no embedding model: MiniLM (semantic, default) or Hashing (lexical, no model).</summary>
    private static void AddLocalEmbedder(IServiceCollection services, IConfiguration configuration)
    {
        var embedder = configuration[EmbedderSetting] ?? "MiniLM";
        if (string.Equals(embedder, "MiniLM", StringComparison.OrdinalIgnoreCase))
        {
            services.AddMiniLMEmbedder();
        }
        else if (string.Equals(embedder, "Hashing", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHashingEmbedder();
        }
        else
        {
            throw new InvalidOperationException($"{EmbedderSetting} is '{embedder}'. Set it to 'MiniLM' (the local sentence-embedding model, default) or 'Hashing' (lexical feature hashing, no model).");
        }
    }
}
