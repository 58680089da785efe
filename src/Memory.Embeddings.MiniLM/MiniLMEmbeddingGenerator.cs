using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// Semantic embeddings from all-MiniLM-L6-v2 (384-d, Apache-2.0), run in-process with ONNX Runtime: word pieces of the
/// normalised text, the model's last hidden state mean-pooled over real tokens, L2-normalised. Thread-safe: one
/// session serves every caller, at most <see cref="MiniLMEmbedderOptions.MaxConcurrentInferences"/> inferences at a time.
/// </summary>
public sealed class MiniLMEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "onnxruntime";
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly MiniLMModel _model;
    private readonly MiniLMEmbedderOptions _options;
    private readonly SemaphoreSlim _inferences;
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    public MiniLMEmbeddingGenerator(IOptions<MiniLMEmbedderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _inferences = new SemaphoreSlim(_options.MaxConcurrentInferences, _options.MaxConcurrentInferences);
        _model = MiniLMModel.Load();
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } asked && asked != Dimensions)
        {
            throw new ArgumentException($"{ModelId} produces {Dimensions}-dimensional embeddings; {asked} were asked for.", nameof(options));
        }

        var encoded = values.Select(Encode).ToArray();
        var vectors = new float[encoded.Length][];

        // Similar lengths share a batch, so little of each batch is padding.
        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Length).ToArray();
        foreach (var batch in order.Chunk(_options.BatchSize))
        {
            await _inferences.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Infer(batch.Select(i => encoded[i]).ToArray(), cancellationToken).Zip(batch).ToList().ForEach(pair => vectors[pair.Second] = pair.First);
            }
            finally
            {
                _inferences.Release();
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
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        _model.Dispose();
        _inferences.Dispose();
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

    private float[][] Infer(int[][] batch, CancellationToken cancellationToken)
    {
        var length = batch.Max(ids => ids.Length);
        var shape = new[] { batch.Length, length };
        var inputIds = new DenseTensor<long>(shape);
        var attention = new DenseTensor<long>(shape);
        for (var row = 0; row < batch.Length; row++)
        {
            for (var column = 0; column < batch[row].Length; column++)
            {
                inputIds[row, column] = batch[row][column];
                attention[row, column] = 1;
            }
        }

        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", attention),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(shape)),
        };
        using var run = new RunOptions();
        using var stop = cancellationToken.Register(() => run.Terminate = true);
        cancellationToken.ThrowIfCancellationRequested();
        using var outputs = _model.Session.Run(inputs, OutputNames, run);
        var hidden = outputs[0].AsTensor<float>();
        return batch.Select((ids, row) => MeanPool(hidden, row, ids.Length)).ToArray();
    }

    /// <summary>The average of the real tokens' hidden states (padding excluded), scaled to unit length.</summary>
    private static float[] MeanPool(Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> hidden, int row, int tokens)
    {
        var vector = new float[Dimensions];
        for (var token = 0; token < tokens; token++)
        {
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] += hidden[row, token, d];
            }
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}
