using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Tests.Gateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Configuration;

/// <summary>The start-up check against the gateway double: a missing container, one of other dimensions, a matching one.</summary>
public sealed class CosmosContainerInitializerTests
{
    private static readonly ContainerDefinition Definition = ContainerDefinition.Load();

    [Fact]
    public async Task StartAsync_MissingContainerWithoutCreate_FailsNamingTheSetting()
    {
        using var stores = new GatewayStores();
        stores.Gateway.ContainerMissing = true;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("memory/memories' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Cosmos:CreateIfNotExists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ContainerWithOtherDimensions_FailsWithBothFixes()
    {
        using var stores = new GatewayStores();
        stores.Gateway.Container["vectorEmbeddingPolicy"]!["vectorEmbeddings"]![0]!["dimensions"] = 3072;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("3072-dimensional", error.Message, StringComparison.Ordinal);
        Assert.Contains("set Memory:Cosmos:EmbeddingDimensions to 3072", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MatchingContainer_Starts()
    {
        using var stores = new GatewayStores();

        await Initializer(stores).StartAsync(CancellationToken.None);
    }

    private static CosmosContainerInitializer Initializer(GatewayStores stores) =>
        new(stores.Container, Definition, NullLogger<CosmosContainerInitializer>.Instance);
}
