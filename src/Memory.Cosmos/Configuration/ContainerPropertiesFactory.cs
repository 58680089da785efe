using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>Builds the container's properties from <c>cosmos-container.json</c> plus options, and checks an existing container against them.</summary>
internal static class ContainerPropertiesFactory
{
    public static ContainerProperties Build(ContainerDefinition definition, CosmosStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(settings);

        // Hierarchical key [/tenantId, /userId]: one logical partition per user (every store call is single-partition), while
        // the tenant prefix lets a large tenant spread over many physical partitions beyond the 20 GB logical limit.
        var properties = new ContainerProperties(settings.ContainerName, definition.PartitionKeyPaths.ToList())
        {
            PartitionKeyDefinitionVersion = PartitionKeyDefinitionVersion.V2,

            // -1: TTL is on but nothing expires by default; memories with expiresAt carry their own "ttl" and Cosmos purges them.
            DefaultTimeToLive = definition.DefaultTtlSeconds,
            VectorEmbeddingPolicy = new VectorEmbeddingPolicy(new Collection<Embedding>
            {
                new()
                {
                    Path = definition.Vector.Path,
                    DataType = ParseDataType(definition.Vector.DataType),
                    DistanceFunction = ParseDistance(definition.Vector.DistanceFunction),
                    Dimensions = settings.EmbeddingDimensions,
                },
            }),
        };

        var indexing = properties.IndexingPolicy;
        indexing.IndexingMode = IndexingMode.Consistent;
        indexing.Automatic = true;
        indexing.IncludedPaths.Add(new IncludedPath { Path = "/*" });

        // The embedding must stay out of the range index: 1536 numbers per write would be indexed for nothing (RU and storage).
        foreach (var path in definition.ExcludedPaths)
        {
            indexing.ExcludedPaths.Add(new ExcludedPath { Path = path });
        }

        indexing.VectorIndexes.Add(new VectorIndexPath { Path = definition.Vector.Path, Type = settings.VectorIndexType });

        // ORDER BY createdAt DESC, id needs a composite index; without it the list query fails.
        foreach (var composite in definition.CompositeIndexes)
        {
            indexing.CompositeIndexes.Add(new Collection<CompositePath>(composite
                .Select(path => new CompositePath
                {
                    Path = path.Path,
                    Order = string.Equals(path.Order, "descending", StringComparison.OrdinalIgnoreCase)
                        ? CompositePathSortOrder.Descending
                        : CompositePathSortOrder.Ascending,
                })
                .ToList()));
        }

        if (settings.FullTextSearch)
        {
            properties.FullTextPolicy = new FullTextPolicy
            {
                DefaultLanguage = definition.FullText.Language,
                FullTextPaths = new Collection<FullTextPath>([.. definition.FullText.Paths.Select(path => new FullTextPath { Path = path, Language = definition.FullText.Language })]),
            };
            foreach (var path in definition.FullText.Paths)
            {
                indexing.FullTextIndexes.Add(new FullTextIndexPath { Path = path });
            }
        }

        return properties;
    }

    /// <summary>What would make the store misbehave on an existing container; each entry says what to do. Empty when compatible.</summary>
    public static IReadOnlyList<string> FindMismatches(ContainerProperties existing, ContainerProperties expected)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(expected);
        var problems = new List<string>();
        var existingKeys = existing.PartitionKeyPaths ?? [existing.PartitionKeyPath];
        if (!existingKeys.SequenceEqual(expected.PartitionKeyPaths, StringComparer.Ordinal))
        {
            problems.Add(
                $"Container '{existing.Id}' is partitioned by [{string.Join(", ", existingKeys)}] but the store needs [{string.Join(", ", expected.PartitionKeyPaths)}]. " +
                "Partition keys cannot be changed: set Memory:Cosmos:ContainerName to a new container (created when Memory:Cosmos:CreateIfNotExists is true) and migrate the data.");
        }

        var wanted = expected.VectorEmbeddingPolicy.Embeddings[0];
        var actual = existing.VectorEmbeddingPolicy?.Embeddings.FirstOrDefault(e => string.Equals(e.Path, wanted.Path, StringComparison.Ordinal));
        if (actual is null)
        {
            problems.Add(
                $"Container '{existing.Id}' has no vector embedding policy on '{wanted.Path}'. Vector policies are immutable: " +
                "set Memory:Cosmos:ContainerName to a new container (created from cosmos-container.json) and migrate the data.");
        }
        else if (actual.Dimensions != wanted.Dimensions)
        {
            problems.Add(
                $"Container '{existing.Id}' stores {actual.Dimensions}-dimensional vectors on '{wanted.Path}' but Memory:Cosmos:EmbeddingDimensions is {wanted.Dimensions}. " +
                $"Either set Memory:Cosmos:EmbeddingDimensions to {actual.Dimensions} (and use an embedding model of that size) or use a new container.");
        }
        else if (actual.DataType != wanted.DataType || actual.DistanceFunction != wanted.DistanceFunction)
        {
            // Another distance function silently changes what the score means (dot product or euclidean are not a cosine similarity).
            problems.Add(
                $"Container '{existing.Id}' stores {actual.DataType} vectors compared by {actual.DistanceFunction} on '{wanted.Path}' but the store needs {wanted.DataType} and {wanted.DistanceFunction}. " +
                "Vector policies are immutable: set Memory:Cosmos:ContainerName to a new container (created from cosmos-container.json) and migrate the data.");
        }

        var wantedIndex = expected.IndexingPolicy.VectorIndexes[0];
        var actualIndex = existing.IndexingPolicy?.VectorIndexes?.FirstOrDefault(index => string.Equals(index.Path, wantedIndex.Path, StringComparison.Ordinal));
        if (actualIndex is null || actualIndex.Type != wantedIndex.Type)
        {
            problems.Add(
                $"Container '{existing.Id}' has {(actualIndex is null ? "no vector index" : $"a {actualIndex.Type} vector index")} on '{wantedIndex.Path}' but Memory:Cosmos:VectorIndexType is {wantedIndex.Type}. " +
                $"Set Memory:Cosmos:VectorIndexType to {actualIndex?.Type.ToString() ?? "the container's type"}, or use a new container: vector indexes cannot be changed in place.");
        }

        if (existing.DefaultTimeToLive is null)
        {
            // With TTL off, Cosmos ignores every document's ttl: expired memories would never be purged.
            problems.Add(
                $"Container '{existing.Id}' has time-to-live off, so memories with expiresAt are never purged. " +
                "Turn it on without a default expiry: defaultTtl = -1 (az cosmosdb sql container update --ttl=-1, or the Bicep in infra/).");
        }

        if (LacksFullText(existing, expected))
        {
            problems.Add(
                $"Container '{existing.Id}' has no full-text policy and index on '{expected.FullTextPolicy!.FullTextPaths[0].Path}' but Memory:Cosmos:FullTextSearch is true. " +
                "Set Memory:Cosmos:FullTextSearch to false (lexical ranking over the vector candidates) or add the full-text policy and index to the container.");
        }

        return problems;
    }

    /// <summary>
    /// The expected full-text paths the existing container can search (in its full-text policy and its full-text index), in the
    /// expected order; empty when the store does not use full-text search. A container made before a path was added lacks it:
    /// the store then searches the others (Cosmos DB refuses FullTextScore on a path outside the policy and index).
    /// </summary>
    public static IReadOnlyList<string> SearchablePaths(ContainerProperties existing, ContainerProperties expected)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(expected);
        return expected.FullTextPolicy is null
            ? []
            : [.. expected.FullTextPolicy.FullTextPaths.Select(path => path.Path).Where(path =>
                existing.FullTextPolicy?.FullTextPaths?.Any(p => p.Path == path) == true
                && existing.IndexingPolicy?.FullTextIndexes?.Any(p => p.Path == path) == true)];
    }

    /// <summary>True when the store wants full-text search but the container has no full-text policy and index on the text path.</summary>
    private static bool LacksFullText(ContainerProperties existing, ContainerProperties expected) =>
        expected.FullTextPolicy is not null && !SearchablePaths(existing, expected).Contains(expected.FullTextPolicy.FullTextPaths[0].Path);

    private static VectorDataType ParseDataType(string value) => value.ToUpperInvariant() switch
    {
        "FLOAT32" => VectorDataType.Float32,
        "FLOAT16" => VectorDataType.Float16,
        "INT8" => VectorDataType.Int8,
        "UINT8" => VectorDataType.Uint8,
        _ => throw new InvalidOperationException($"cosmos-container.json: unknown vector dataType '{value}'."),
    };

    private static DistanceFunction ParseDistance(string value) => value.ToUpperInvariant() switch
    {
        "COSINE" => DistanceFunction.Cosine,
        "DOTPRODUCT" => DistanceFunction.DotProduct,
        "EUCLIDEAN" => DistanceFunction.Euclidean,
        _ => throw new InvalidOperationException($"cosmos-container.json: unknown vector distanceFunction '{value}'."),
    };
}
