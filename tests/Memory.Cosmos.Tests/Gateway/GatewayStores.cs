using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>Both stores over one gateway double, opened the way the host opens them (the store's own client options).</summary>
internal sealed class GatewayStores : IDisposable
{
    public GatewayStores(bool fullTextSearch = true, int maxRateLimitRetries = 0, CosmosGatewayOptions? options = null, TimeProvider? clock = null)
    {
        Gateway = new CosmosGateway(options);
        Container = new CosmosMemoryContainer(
            CreateClient(Gateway, maxRateLimitRetries),
            new CosmosStoreSettings(Gateway.Options.DatabaseName, Gateway.Options.ContainerName, Gateway.Options.EmbeddingDimensions, VectorIndexType.DiskANN, fullTextSearch));
        Memories = new CosmosMemoryStore(Container, clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)), NullLogger<CosmosMemoryStore>.Instance);
        Operations = new CosmosOperationStore(Container);
    }

    public CosmosGateway Gateway { get; }

    public CosmosMemoryContainer Container { get; }

    public CosmosMemoryStore Memories { get; }

    public CosmosOperationStore Operations { get; }

    /// <summary>A client with the store's own options (CosmosClientFactory), wired to the gateway in process.</summary>
    public static CosmosClient CreateClient(CosmosGateway gateway, int maxRateLimitRetries = 0)
    {
        var options = gateway.ConfigureClient(CosmosClientFactory.CreateClientOptions(new CosmosMemoryOptions
        {
            AccountEndpoint = gateway.Endpoint.ToString(),
            UseGatewayMode = true,
            MaxRetryAttemptsOnRateLimitedRequests = maxRateLimitRetries,
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(5),
        }));
        return new CosmosClient(gateway.Endpoint.ToString(), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("gateway-key")), options);
    }

    public void Dispose()
    {
        Container.Dispose();
        Gateway.Dispose();
    }
}
