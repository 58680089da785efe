using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Configuration;

public sealed class CosmosContainerInitializerTests
{
    private static readonly ContainerDefinition Definition = ContainerDefinition.Load();
    private readonly FakeContainer _container = new();

    [Fact]
    public async Task StartAsync_MissingContainerWithoutCreate_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(new CosmosMemoryOptions()).StartAsync(CancellationToken.None));

        Assert.Contains("memory/memories' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:CreateIfNotExists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ContainerWithOtherDimensions_FailsWithBothFixes()
    {
        _container.Properties = ContainerPropertiesFactory.Build(Definition, Settings(new CosmosMemoryOptions { EmbeddingDimensions = 3072 }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(new CosmosMemoryOptions()).StartAsync(CancellationToken.None));

        Assert.Contains("3072-dimensional", error.Message, StringComparison.Ordinal);
        Assert.Contains("set Memory:Cosmos:EmbeddingDimensions to 3072", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MatchingContainer_Starts()
    {
        _container.Properties = ContainerPropertiesFactory.Build(Definition, Settings(new CosmosMemoryOptions()));

        await Initializer(new CosmosMemoryOptions()).StartAsync(CancellationToken.None);
    }

    private static CosmosStoreSettings Settings(CosmosMemoryOptions options) => CosmosStoreSettings.From(options, Definition);

    private CosmosContainerInitializer Initializer(CosmosMemoryOptions options) =>
        new(new CosmosMemoryContainer(_container, Settings(options)), Definition, NullLogger<CosmosContainerInitializer>.Instance);
}
