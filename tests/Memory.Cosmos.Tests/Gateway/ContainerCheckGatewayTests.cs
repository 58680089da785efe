using MemoryFunctions.Cosmos.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>The start-up check reading a container as the service describes it (JSON through the real SDK).</summary>
public sealed class ContainerCheckGatewayTests
{
    [Fact]
    public async Task StartAsync_ContainerAsDeployed_Starts()
    {
        using var stores = new GatewayStores();

        await Initializer(stores).StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_TimeToLiveOff_RefusesToStart()
    {
        using var stores = new GatewayStores();
        stores.Gateway.Container.Remove("defaultTtl");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("time-to-live off", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FlatIndexWhereDiskAnnConfigured_RefusesToStart()
    {
        using var stores = new GatewayStores();
        stores.Gateway.Container["indexingPolicy"]!["vectorIndexes"]![0]!["type"] = "quantizedFlat";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(stores).StartAsync(CancellationToken.None));

        Assert.Contains("Memory:Cosmos:VectorIndexType", failure.Message, StringComparison.Ordinal);
    }

    private static CosmosContainerInitializer Initializer(GatewayStores stores) =>
        new(stores.Container, ContainerDefinition.Load(), NullLogger<CosmosContainerInitializer>.Instance);
}
