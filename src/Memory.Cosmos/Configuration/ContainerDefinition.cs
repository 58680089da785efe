using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>The shape of <c>cosmos-container.json</c>, the single source of truth for the container (also read by the Bicep).</summary>
internal sealed record ContainerDefinition
{
    public const string ResourceName = "MemoryFunctions.Cosmos.cosmos-container.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public required string DatabaseName { get; init; }

    public required string ContainerName { get; init; }

    public required IReadOnlyList<string> PartitionKeyPaths { get; init; }

    public required VectorDefinition Vector { get; init; }

    public required FullTextDefinition FullText { get; init; }

    public IReadOnlyList<string> ExcludedPaths { get; init; } = [];

    public int DefaultTtlSeconds { get; init; } = -1;

    public IReadOnlyList<IReadOnlyList<CompositePathDefinition>> CompositeIndexes { get; init; } = [];

    /// <summary>Reads the embedded copy of the file.</summary>
    public static ContainerDefinition Load()
    {
        using var stream = typeof(ContainerDefinition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from Memory.Cosmos.");
        return Parse(stream);
    }

    public static ContainerDefinition Parse(Stream json) =>
        JsonSerializer.Deserialize<ContainerDefinition>(json, JsonOptions)
        ?? throw new InvalidOperationException("cosmos-container.json is empty.");

    internal sealed record VectorDefinition(string Path, string DataType, string DistanceFunction, int Dimensions, string IndexType);

    /// <summary>
    /// The full-text paths, text first: a memory's text, then a kept turn's resolved dates and the words of the turn it
    /// answers (what the embedded store's lexical index also covers). Older containers may hold only the first.
    /// </summary>
    internal sealed record FullTextDefinition(IReadOnlyList<string> Paths, string Language)
    {
        /// <summary>The path every search needs (a container without it cannot serve full-text search at all).</summary>
        public string TextPath => Paths[0];
    }

    internal sealed record CompositePathDefinition(string Path, [property: JsonPropertyName("order")] string Order);
}
