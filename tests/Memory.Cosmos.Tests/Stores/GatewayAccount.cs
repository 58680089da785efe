using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Gateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// The gateway double the conformance suites run against in every test run: one per process, shaped like the opt-in account's
/// container (16 dimensions, flat index), started through the store's own start-up check. Tests share it: each works in a fresh
/// random tenant, as they do on a real account.
/// </summary>
internal static class GatewayAccount
{
    private static readonly Lazy<Task<CosmosMemoryContainer>> Shared = new(InitializeAsync);

    public static Task<CosmosMemoryContainer> ContainerAsync() => Shared.Value;

    private static async Task<CosmosMemoryContainer> InitializeAsync()
    {
        var gateway = new CosmosGateway(new CosmosGatewayOptions { EmbeddingDimensions = ConformanceAccount.Dimensions, VectorIndexType = "flat" });
        var container = new CosmosMemoryContainer(
            GatewayStores.CreateClient(gateway, maxRateLimitRetries: 9),
            new CosmosStoreSettings(gateway.Options.DatabaseName, gateway.Options.ContainerName, ConformanceAccount.Dimensions, Microsoft.Azure.Cosmos.VectorIndexType.Flat, FullTextSearch: true));
        await new CosmosContainerInitializer(container, ContainerDefinition.Load(), NullLogger<CosmosContainerInitializer>.Instance).StartAsync(CancellationToken.None);
        return container;
    }
}
