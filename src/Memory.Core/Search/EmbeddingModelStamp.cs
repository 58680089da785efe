using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Which model made a store's vectors. Two stamps that differ in either part mean two vector spaces: same length is not
/// enough (hashing-384 and MiniLM-384 vectors compare without error and find nothing meaningful).
/// </summary>
public sealed record EmbeddingModelStamp(string ModelId, int Dimensions)
{
    /// <summary>
    /// The stamp of a generator: its metadata when it has some, otherwise its type name and the length of one probe vector
    /// — or <paramref name="configuredDimensions"/> when given, so a host whose store fixes the length (Cosmos) does not
    /// call a remote model at start-up just to learn it.
    /// </summary>
    public static async Task<EmbeddingModelStamp> OfAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, int? configuredDimensions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var dimensions = metadata?.DefaultModelDimensions ?? configuredDimensions
            ?? (await generator.GenerateVectorAsync("dimension probe", cancellationToken: cancellationToken).ConfigureAwait(false)).Length;
        // The model id alone, not the provider: the same model behind Azure OpenAI or OpenAI makes the same vectors.
        return new EmbeddingModelStamp(metadata?.DefaultModelId ?? generator.GetType().FullName ?? "unknown", dimensions);
    }

    public override string ToString() => $"'{ModelId}' ({Dimensions}-dimensional)";
}
