using MemoryFunctions.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;
using AIEmbeddingOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;
using SdkEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the OpenAI SDK's <see cref="EmbeddingClient"/>. Its
/// <see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/> is the configured vector size, which the store compares
/// with the vectors it holds at start-up; every answer is checked against it too, so a mismatch never reaches the store.
/// </summary>
internal sealed class OpenAIEmbeddingGenerator(
    EmbeddingClient embeddingClient, OpenAIConnection connection, string model, int dimensions, bool sendDimensions, TimeProvider timeProvider, ILogger logger)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string ModelSetting = "Memory:OpenAI:EmbeddingModel";

    private readonly EmbeddingGeneratorMetadata _metadata = new(
        connection.ProviderName, connection.Endpoint ?? new Uri("https://api.openai.com/v1"), model, dimensions);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, AIEmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var expected = options?.Dimensions ?? dimensions;
        var request = new SdkEmbeddingOptions { Dimensions = options?.Dimensions ?? (sendDimensions ? dimensions : null) };
        var started = timeProvider.GetTimestamp();
        OpenAIEmbeddingCollection collection;
        try
        {
            collection = (await embeddingClient.GenerateEmbeddingsAsync(inputs, request, cancellationToken)).Value;
        }
        catch (Exception ex) when (ModelErrors.Translate(ex, "Embedding", ModelSetting, model, connection.Options, cancellationToken) is { } translated)
        {
            Log.ModelCallFailed(logger, "embeddings", model, translated.StatusCode, translated.IsTransient, translated.Message);
            throw translated;
        }

        var embeddings = collection.OrderBy(e => e.Index).Select(e => new Embedding<float>(e.ToFloats()) { ModelId = collection.Model }).ToList();
        if (embeddings.Count != inputs.Count || embeddings.Any(e => e.Vector.Length != expected))
        {
            throw new ModelCallException(
                $"Embedding model '{model}' returned {embeddings.Count} vectors of {embeddings.FirstOrDefault()?.Vector.Length ?? 0} dimensions for "
                + $"{inputs.Count} inputs, expected {expected} dimensions: set Memory:OpenAI:EmbeddingDimensions to the model's vector size.",
                statusCode: null,
                isTransient: false);
        }

        var tokens = collection.Usage?.InputTokenCount ?? 0;
        Log.EmbeddingsGenerated(logger, model, embeddings.Count, tokens, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = collection.Usage?.TotalTokenCount ?? tokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(EmbeddingClient) ? embeddingClient
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
