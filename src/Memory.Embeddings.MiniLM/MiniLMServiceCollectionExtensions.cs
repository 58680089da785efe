using MemoryFunctions.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Embeddings.MiniLM;

public static class MiniLMServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MiniLMEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// (a singleton: the model loads once, ~90 MB of weights), configured from <c>Memory:Embeddings:MiniLM</c>. The model
    /// loads in the background (<see cref="LoadingEmbeddingGenerator"/>) from the moment the host serves (the server calls
    /// <see cref="LoadingEmbeddingGenerator.BeginLoading"/> then) or the first call that needs it, so opening the store and
    /// starting the host have the cores to themselves, and the host serves what needs no embedding meanwhile.
    /// Uses TryAdd, so an embedding model registered earlier (Memory.OpenAI) wins.
    /// </summary>
    public static IServiceCollection AddMiniLMEmbedder(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MiniLMEmbedderOptions>().BindConfiguration(MiniLMEmbedderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MiniLMEmbedderOptions>>();
            return new LoadingEmbeddingGenerator(
                () => Task.Run(() => (IEmbeddingGenerator<string, Embedding<float>>)new MiniLMEmbeddingGenerator(options)),
                MiniLMEmbeddingGenerator.Metadata,
                TimeSpan.FromSeconds(options.Value.ModelLoadWaitSeconds));
        });
        return services;
    }
}
