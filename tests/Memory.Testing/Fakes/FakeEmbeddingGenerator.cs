using Microsoft.Extensions.AI;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// A deterministic test embedder: each lower-cased word adds 1 to one of <see cref="Dimensions"/> buckets (by a stable
/// hash), then the vector is L2-normalised. Texts sharing words are close; nothing semantic. Override with <see cref="Embed"/>.
/// </summary>
public sealed class FakeEmbeddingGenerator(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Dimensions { get; } = dimensions;

    /// <summary>Replaces the default word-bucket embedding.</summary>
    public Func<string, float[]>? Embed { get; set; }

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        Calls++;
        var embeddings = values.Select(value => new Embedding<float>(Embed?.Invoke(value) ?? Buckets(value)));
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private float[] Buckets(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 17;
            foreach (var c in word.Trim('.', ',', '!', '?'))
            {
                hash = unchecked((hash * 31) + c);
            }

            vector[(hash & int.MaxValue) % Dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : vector.Select(x => x / norm).ToArray();
    }
}
