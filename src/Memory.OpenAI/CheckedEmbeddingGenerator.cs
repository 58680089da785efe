using MemoryFunctions.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// Translates SDK failures into <see cref="ModelCallException"/>s and checks every answer against the configured vector
/// size, which <see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/> reports even when it is inferred rather than
/// sent: the store compares it with the vectors it holds at start-up, so a mismatch never reaches the store.
/// </summary>
internal sealed class CheckedEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> innerGenerator, OpenAIModelOptions modelOptions, string model, int dimensions, ILogger logger)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    private const string ModelSetting = "Memory:OpenAI:EmbeddingModel";

    private readonly EmbeddingGeneratorMetadata _metadata = Metadata(innerGenerator, model, dimensions);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyCollection<string> ?? values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await base.GenerateAsync(inputs, options, cancellationToken);
        }
        catch (Exception ex) when (ModelErrors.Translate(ex, "Embedding", ModelSetting, model, modelOptions, cancellationToken) is { } translated)
        {
            Log.ModelCallFailed(logger, "embeddings", model, translated.StatusCode, translated.IsTransient, translated.Message);
            throw translated;
        }

        var expected = options?.Dimensions ?? dimensions;
        if (embeddings.Count != inputs.Count || embeddings.Any(e => e.Vector.Length != expected))
        {
            throw new ModelCallException(
                $"Embedding model '{model}' returned {embeddings.Count} vectors of {embeddings.FirstOrDefault()?.Vector.Length ?? 0} dimensions for "
                + $"{inputs.Count} inputs, expected {expected} dimensions: set Memory:OpenAI:EmbeddingDimensions to the model's vector size.",
                statusCode: null,
                isTransient: false);
        }

        return embeddings;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : base.GetService(serviceType, serviceKey);

    private static EmbeddingGeneratorMetadata Metadata(IEmbeddingGenerator<string, Embedding<float>> inner, string model, int dimensions)
    {
        var reported = inner.GetService<EmbeddingGeneratorMetadata>();
        return new(reported?.ProviderName, reported?.ProviderUri, reported?.DefaultModelId ?? model, dimensions);
    }
}
