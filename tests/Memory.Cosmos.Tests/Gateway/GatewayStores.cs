using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>Both stores over one scripted gateway, opened the way the host opens them.</summary>
internal sealed class GatewayStores : IDisposable
{
    public GatewayStores(bool fullTextSearch = true, int maxRateLimitRetries = 0)
    {
        Container = new CosmosMemoryContainer(
            Gateway.CreateClient(maxRateLimitRetries),
            new CosmosStoreSettings(ScriptedCosmosGateway.DatabaseName, ScriptedCosmosGateway.ContainerName, 1536, VectorIndexType.DiskANN, fullTextSearch));
        Memories = new CosmosMemoryStore(Container, new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), NullLogger<CosmosMemoryStore>.Instance);
        Operations = new CosmosOperationStore(Container);
    }

    public ScriptedCosmosGateway Gateway { get; } = new();

    public CosmosMemoryContainer Container { get; }

    public CosmosMemoryStore Memories { get; }

    public CosmosOperationStore Operations { get; }

    public void Dispose()
    {
        Container.Dispose();
        Gateway.Dispose();
    }
}
