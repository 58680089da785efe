using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MemoryFunctions.Embeddings.MiniLM;

public static class MiniLMServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MiniLMEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// (a singleton: the model loads once, ~90 MB of weights), configured from <c>Memory:Embeddings:MiniLM</c>.
    /// Uses TryAdd, so an embedding model registered earlier (Memory.OpenAI) wins.
    /// </summary>
    public static IServiceCollection AddMiniLMEmbedder(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MiniLMEmbedderOptions>().BindConfiguration(MiniLMEmbedderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLMEmbeddingGenerator>();
        return services;
    }
}
