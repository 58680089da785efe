using System.Numerics.Tensors;
using MemoryFunctions.Core.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local;

/// <summary>
/// A deterministic, model-free embedding: signed feature hashing of lower-cased word unigrams, word bigrams and
/// character 3–5-grams into <see cref="HashingEmbedderOptions.Dimensions"/> buckets, L2-normalised.
/// </summary>
/// <remarks>
/// This is <b>lexical, not semantic</b>: texts are close when they share words or word fragments ("coffee" and
/// "coffees"), not when they mean the same thing ("car" and "automobile" are unrelated to it). It exists so the local
/// host and the tests run with no model and no network; real deployments use an embedding model (Memory.OpenAI).
/// Same text, same dimensions: same vector, on every machine and run (FNV-1a, no randomised string hashing).
/// </remarks>
public sealed class HashingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "hashing";
    public const string ModelId = "hashing-ngram-v1";

    // Word features carry most of the signal; the many character n-grams of a word together weigh about as much as it.
    private const float UnigramWeight = 1.0f;
    private const float BigramWeight = 0.7f;
    private const float CharGramWeight = 0.25f;

    private readonly int _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbedder(IOptions<HashingEmbedderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dimensions = options.Value.Dimensions;
        ArgumentOutOfRangeException.ThrowIfLessThan(_dimensions, 1);
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, defaultModelId: ModelId, defaultModelDimensions: _dimensions);
    }

    public int Dimensions => _dimensions;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dimensions = options?.Dimensions ?? _dimensions;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value, dimensions)) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The embedding of one text; empty or symbol-only text gives the zero vector.</summary>
    public float[] Embed(string text) => Embed(text, _dimensions);

    private static float[] Embed(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        string? previous = null;
        // Stop words included: in a bigram they still carry order ("not a fan").
        foreach (var word in TextTokenizer.Words(text))
        {
            Add(vector, 'u', word, UnigramWeight);
            if (previous is not null)
            {
                Add(vector, 'b', previous + " " + word, BigramWeight);
            }

            AddCharGrams(vector, word);
            previous = word;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
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
        // Nothing to release; IEmbeddingGenerator requires IDisposable for generators that hold clients.
    }

    private static void AddCharGrams(float[] vector, string word)
    {
        // Boundary markers make prefixes and suffixes distinct features ("<co" vs "co"), as in fastText.
        var padded = "<" + word + ">";
        for (var n = 3; n <= 5; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                Add(vector, 'c', padded.AsSpan(start, n), CharGramWeight);
            }
        }
    }

    private static void Add(float[] vector, char kind, ReadOnlySpan<char> feature, float weight)
    {
        var hash = Fnv1a(kind, feature);
        var bucket = (int)(hash % (ulong)vector.Length);

        // The sign comes from bits the bucket does not use, so collisions cancel out on average instead of piling up.
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight;
    }

    private static ulong Fnv1a(char kind, ReadOnlySpan<char> feature)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = (offset ^ kind) * prime;
        foreach (var c in feature)
        {
            hash = (hash ^ (byte)c) * prime;
            hash = (hash ^ (byte)(c >> 8)) * prime;
        }

        // FNV's high bits mix poorly; a final avalanche (murmur3 fmix64) makes the sign bit usable.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
