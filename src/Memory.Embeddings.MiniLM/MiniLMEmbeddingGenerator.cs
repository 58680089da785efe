using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// Semantic embeddings from all-MiniLM-L6-v2 (384-d, Apache-2.0), run in-process with ONNX Runtime: word pieces of the
/// normalised text, the model's last hidden state mean-pooled over real tokens, L2-normalised. Thread-safe: one session
/// serves every caller, and concurrent callers' texts share batched inferences (<see cref="InferenceBatcher"/>), at most
/// <see cref="MiniLMEmbedderOptions.MaxConcurrentInferences"/> at a time; texts of <see cref="BackgroundWork"/> (ingestion)
/// wait behind foreground ones (searches) and use at most <see cref="MiniLMEmbedderOptions.BackgroundInferences"/> of them.
/// </summary>
public sealed class MiniLMEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "onnxruntime";
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";
    public const int Dimensions = MiniLMModel.Dimensions;

    /// <summary>Texts waiting for an inference, in batches: enough for every ingestion worker's texts at once.</summary>
    private const int QueuedBatches = 8;

    private readonly MiniLMModel _model;
    private readonly MiniLMEmbedderOptions _options;
    private readonly InferenceBatcher _batcher;
    private readonly EmbeddingCache _cache;

    public MiniLMEmbeddingGenerator(IOptions<MiniLMEmbedderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _model = MiniLMModel.Load();
        _batcher = new InferenceBatcher(_model.Embed, _options.BatchSize, _options.MaxConcurrentInferences, _options.BackgroundInferences, QueuedBatches * _options.BatchSize);
        _cache = new EmbeddingCache(_options.CacheSize);
    }

    /// <summary>What the model is, known without loading it.</summary>
    public static EmbeddingGeneratorMetadata Metadata { get; } = new(ProviderName, defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    /// <summary>Texts whose vectors are cached now (tests).</summary>
    internal int CachedTexts => _cache.Count;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } asked && asked != Dimensions)
        {
            throw new ArgumentException($"{ModelId} produces {Dimensions}-dimensional embeddings; {asked} were asked for.", nameof(options));
        }

        var texts = values.ToArray();
        var vectors = new float[texts.Length][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Length; i++)
        {
            if (!_cache.TryGet(texts[i], out vectors[i]))
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var computed = await _batcher.EmbedAsync([.. missing.Select(i => Encode(texts[i]))], BackgroundWork.CurrentOwner, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < missing.Count; j++)
            {
                vectors[missing[j]] = computed[j];
                _cache.Add(texts[missing[j]], computed[j]);
            }
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        embeddings.AddRange(vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelId }));
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        _batcher.Dispose();
        _model.Dispose();
    }

    /// <summary>[CLS] + the first word pieces of the normalised text + [SEP], at most <see cref="MiniLMEmbedderOptions.MaxTokens"/> in all.</summary>
    internal int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokenizer = _model.Tokenizer;
        var pieces = tokenizer.EncodeToIds(BertTextNormalizer.Normalize(text), _options.MaxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new int[pieces.Count + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < pieces.Count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }
}
