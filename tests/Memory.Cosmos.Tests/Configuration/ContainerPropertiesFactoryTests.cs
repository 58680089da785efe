using MemoryFunctions.Testing;
using MemoryFunctions.Cosmos.Configuration;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Tests.Configuration;

public sealed class ContainerPropertiesFactoryTests
{
    private static readonly ContainerDefinition Definition = ContainerDefinition.Load();

    [Fact]
    public void Load_EmbeddedJson_SameAsFileInRepository()
    {
        var path = RepositoryRoot.File("src", "Memory.Cosmos", "cosmos-container.json");
        using var file = File.OpenRead(path);

        var fromFile = ContainerDefinition.Parse(file);

        Assert.Equal(fromFile.ContainerName, Definition.ContainerName);
        Assert.Equal(fromFile.PartitionKeyPaths, Definition.PartitionKeyPaths);
        Assert.Equal(fromFile.Vector, Definition.Vector);
        Assert.Equal(fromFile.ExcludedPaths, Definition.ExcludedPaths);
    }

    [Fact]
    public void Build_Defaults_HierarchicalPartitionKeyV2()
    {
        var properties = Build(new CosmosMemoryOptions());

        Assert.Equal("memories", properties.Id);
        Assert.Equal(["/tenantId", "/userId"], properties.PartitionKeyPaths);
        Assert.Equal(PartitionKeyDefinitionVersion.V2, properties.PartitionKeyDefinitionVersion);
        Assert.Equal(-1, properties.DefaultTimeToLive);
    }

    [Fact]
    public void Build_Defaults_VectorPolicyFloat32CosineOnEmbedding()
    {
        var embedding = Assert.Single(Build(new CosmosMemoryOptions()).VectorEmbeddingPolicy.Embeddings);

        Assert.Equal("/embedding", embedding.Path);
        Assert.Equal(VectorDataType.Float32, embedding.DataType);
        Assert.Equal(DistanceFunction.Cosine, embedding.DistanceFunction);
        Assert.Equal(1536, embedding.Dimensions);
    }

    [Fact]
    public void Build_Defaults_DiskAnnIndexAndEmbeddingExcludedFromRangeIndex()
    {
        var indexing = Build(new CosmosMemoryOptions()).IndexingPolicy;

        var vectorIndex = Assert.Single(indexing.VectorIndexes);
        Assert.Equal("/embedding", vectorIndex.Path);
        Assert.Equal(VectorIndexType.DiskANN, vectorIndex.Type);
        Assert.Contains(indexing.ExcludedPaths, p => p.Path == "/embedding/*");
        Assert.Contains(indexing.IncludedPaths, p => p.Path == "/*");
    }

    [Fact]
    public void Build_Defaults_FullTextPolicyAndIndexOnTextAndTheTurnFields()
    {
        var properties = Build(new CosmosMemoryOptions());

        string[] paths = ["/text", "/resolvedDates", "/precedingText"];
        Assert.Equal(paths, properties.FullTextPolicy.FullTextPaths.Select(path => path.Path));
        Assert.All(properties.FullTextPolicy.FullTextPaths, path => Assert.Equal("en-US", path.Language));
        Assert.Equal("en-US", properties.FullTextPolicy.DefaultLanguage);
        Assert.Equal(paths, properties.IndexingPolicy.FullTextIndexes.Select(index => index.Path));
    }

    /// <summary>A container made before the turn fields were indexed still starts; its search scores the text alone.</summary>
    [Fact]
    public void SearchablePaths_ContainerWithTheTextPathOnly_TheTextAloneAndNoMismatch()
    {
        var expected = Build(new CosmosMemoryOptions());
        var older = Build(new CosmosMemoryOptions());
        older.FullTextPolicy.FullTextPaths.RemoveAt(2);
        older.IndexingPolicy.FullTextIndexes.RemoveAt(1);

        Assert.Empty(ContainerPropertiesFactory.FindMismatches(older, expected));
        Assert.Equal(["/text"], ContainerPropertiesFactory.SearchablePaths(older, expected));
        Assert.Equal(["/text", "/resolvedDates", "/precedingText"], ContainerPropertiesFactory.SearchablePaths(expected, expected));
        Assert.Empty(ContainerPropertiesFactory.SearchablePaths(older, Build(new CosmosMemoryOptions { FullTextSearch = false })));
    }

    [Fact]
    public void Build_Defaults_CompositeIndexForListOrder()
    {
        var composite = Assert.Single(Build(new CosmosMemoryOptions()).IndexingPolicy.CompositeIndexes);

        Assert.Equal([("/createdAt", CompositePathSortOrder.Descending), ("/id", CompositePathSortOrder.Ascending)], composite.Select(p => (p.Path, p.Order)));
    }

    [Fact]
    public void Build_Overrides_NamesDimensionsAndIndexType()
    {
        var properties = Build(new CosmosMemoryOptions { ContainerName = "mem2", EmbeddingDimensions = 384, VectorIndexType = "quantizedFlat" });

        Assert.Equal("mem2", properties.Id);
        Assert.Equal(384, properties.VectorEmbeddingPolicy.Embeddings[0].Dimensions);
        Assert.Equal(VectorIndexType.QuantizedFlat, properties.IndexingPolicy.VectorIndexes[0].Type);
    }

    [Fact]
    public void Build_FullTextSearchOff_NoFullTextPolicyOrIndex()
    {
        var properties = Build(new CosmosMemoryOptions { FullTextSearch = false });

        Assert.Null(properties.FullTextPolicy);
        Assert.Empty(properties.IndexingPolicy.FullTextIndexes);
    }

    [Fact]
    public void FindMismatches_SameDefinition_None()
    {
        Assert.Empty(ContainerPropertiesFactory.FindMismatches(Build(new CosmosMemoryOptions()), Build(new CosmosMemoryOptions())));
    }

    [Fact]
    public void FindMismatches_OtherDimensions_NamesSettingAndBothFixes()
    {
        var existing = Build(new CosmosMemoryOptions { EmbeddingDimensions = 768 });

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("768", problem, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:EmbeddingDimensions", problem, StringComparison.Ordinal);
        Assert.Contains("new container", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_SinglePartitionKey_TellsToUseNewContainer()
    {
        var existing = Build(new CosmosMemoryOptions());
        existing.PartitionKeyPath = "/userId";

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("[/userId]", problem, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:ContainerName", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_NoVectorPolicy_Reported()
    {
        var existing = Build(new CosmosMemoryOptions());
        existing.VectorEmbeddingPolicy = null;

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("no vector embedding policy on '/embedding'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_TimeToLiveOff_TellsToSetMinusOne()
    {
        var existing = Build(new CosmosMemoryOptions());
        existing.DefaultTimeToLive = null;

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("time-to-live off", problem, StringComparison.Ordinal);
        Assert.Contains("defaultTtl = -1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_OtherVectorIndexType_NamesSetting()
    {
        var existing = Build(new CosmosMemoryOptions { VectorIndexType = "quantizedFlat" });

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("QuantizedFlat", problem, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:VectorIndexType", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_OtherDistanceFunction_Reported()
    {
        var existing = Build(new CosmosMemoryOptions());
        existing.VectorEmbeddingPolicy.Embeddings[0].DistanceFunction = DistanceFunction.DotProduct;

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(existing, Build(new CosmosMemoryOptions())));

        Assert.Contains("DotProduct", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindMismatches_FullTextWantedButMissing_NamesSettingAndFix()
    {
        var withoutFullText = Build(new CosmosMemoryOptions { FullTextSearch = false });

        var problem = Assert.Single(ContainerPropertiesFactory.FindMismatches(withoutFullText, Build(new CosmosMemoryOptions())));
        Assert.Empty(ContainerPropertiesFactory.FindMismatches(withoutFullText, withoutFullText));

        Assert.Contains("Memory:Cosmos:FullTextSearch", problem, StringComparison.Ordinal);
    }

    private static ContainerProperties Build(CosmosMemoryOptions options) =>
        ContainerPropertiesFactory.Build(Definition, CosmosStoreSettings.From(options, Definition));

}
