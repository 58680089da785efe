using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>Options merged over the JSON defaults: what the store actually uses.</summary>
internal sealed record CosmosStoreSettings(
    string DatabaseName,
    string ContainerName,
    int EmbeddingDimensions,
    VectorIndexType VectorIndexType,
    bool FullTextSearch)
{
    private static readonly Lazy<IReadOnlyList<string>> DefinedFullTextPaths = new(() => ContainerDefinition.Load().FullText.Paths);

    /// <summary>The full-text paths of <c>cosmos-container.json</c>, text first, that the hybrid search scores.</summary>
    public IReadOnlyList<string> FullTextPaths { get; init; } = DefinedFullTextPaths.Value;

    public static CosmosStoreSettings From(CosmosMemoryOptions options, ContainerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(definition);
        var indexType = options.VectorIndexType is { Length: > 0 } configured ? configured : definition.Vector.IndexType;
        return new CosmosStoreSettings(
            Blank(options.DatabaseName) ? definition.DatabaseName : options.DatabaseName!,
            Blank(options.ContainerName) ? definition.ContainerName : options.ContainerName!,
            options.EmbeddingDimensions ?? definition.Vector.Dimensions,
            ParseIndexType(indexType) ?? throw new InvalidOperationException($"Unknown vector index type '{indexType}'."),
            options.FullTextSearch)
        {
            FullTextPaths = definition.FullText.Paths,
        };
    }

    /// <summary>The three index types the store supports, spelled as in the Cosmos docs and Bicep (case-insensitive).</summary>
    public static VectorIndexType? ParseIndexType(string? value) => value?.ToUpperInvariant() switch
    {
        "DISKANN" => Microsoft.Azure.Cosmos.VectorIndexType.DiskANN,
        "QUANTIZEDFLAT" => Microsoft.Azure.Cosmos.VectorIndexType.QuantizedFlat,
        "FLAT" => Microsoft.Azure.Cosmos.VectorIndexType.Flat,
        _ => null,
    };

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
