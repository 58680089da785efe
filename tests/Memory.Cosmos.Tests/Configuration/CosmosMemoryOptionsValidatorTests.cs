using MemoryFunctions.Cosmos.Configuration;

namespace MemoryFunctions.Cosmos.Tests.Configuration;

public sealed class CosmosMemoryOptionsValidatorTests
{
    private readonly CosmosMemoryOptionsValidator _validator = new(ContainerDefinition.Load());

    [Fact]
    public void Validate_EndpointOnly_Succeeds()
    {
        Assert.True(_validator.Validate(null, new CosmosMemoryOptions { AccountEndpoint = "https://acc.documents.azure.com:443/" }).Succeeded);
    }

    [Fact]
    public void Validate_MissingEndpoint_NamesSettingAndExample()
    {
        var failure = Assert.Single(Failures(new CosmosMemoryOptions()));

        Assert.Contains("Memory:Cosmos:AccountEndpoint is missing", failure, StringComparison.Ordinal);
        Assert.Contains("documents.azure.com", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelativeEndpoint_Rejected()
    {
        Assert.Contains("not an absolute http(s) URL", Assert.Single(Failures(new CosmosMemoryOptions { AccountEndpoint = "acc.documents" })), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownIndexType_ListsSupportedTypes()
    {
        var failure = Assert.Single(Failures(Valid() with { VectorIndexType = "hnsw" }));

        Assert.Contains("Memory:Cosmos:VectorIndexType 'hnsw'", failure, StringComparison.Ordinal);
        Assert.Contains("diskANN (default), quantizedFlat or flat", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DiskANN")]
    [InlineData("quantizedflat")]
    [InlineData("flat")]
    public void Validate_KnownIndexTypeAnyCase_Succeeds(string indexType)
    {
        Assert.Empty(Failures(Valid() with { VectorIndexType = indexType, EmbeddingDimensions = 256 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void Validate_DimensionsOutOfRange_NamesSetting(int dimensions)
    {
        Assert.Contains("Memory:Cosmos:EmbeddingDimensions", Assert.Single(Failures(Valid() with { EmbeddingDimensions = dimensions })), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FlatWithLargeDimensions_SuggestsOtherIndex()
    {
        var failure = Assert.Single(Failures(Valid() with { VectorIndexType = "flat" }));

        Assert.Contains("at most 505 dimensions", failure, StringComparison.Ordinal);
        Assert.Contains("quantizedFlat or diskANN", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadContainerName_NamesSetting()
    {
        Assert.Contains("Memory:Cosmos:ContainerName 'a/b'", Assert.Single(Failures(Valid() with { ContainerName = "a/b" })), StringComparison.Ordinal);
    }

    private static OptionsRecord Valid() => new("https://acc.documents.azure.com:443/");

    private List<string> Failures(CosmosMemoryOptions options) => _validator.Validate(null, options).Failures?.ToList() ?? [];

    private List<string> Failures(OptionsRecord options) => Failures(options.ToOptions());

    /// <summary>Lets tests vary one setting with <c>with</c>.</summary>
    private sealed record OptionsRecord(string Endpoint)
    {
        public string? VectorIndexType { get; init; }

        public int? EmbeddingDimensions { get; init; }

        public string? ContainerName { get; init; }

        public CosmosMemoryOptions ToOptions() => new()
        {
            AccountEndpoint = Endpoint,
            VectorIndexType = VectorIndexType,
            EmbeddingDimensions = EmbeddingDimensions,
            ContainerName = ContainerName,
        };
    }
}
