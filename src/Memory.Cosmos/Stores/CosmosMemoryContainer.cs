using MemoryFunctions.Cosmos.Configuration;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>The memory container and the settings it was opened with; one per process, shared by both stores.</summary>
internal sealed class CosmosMemoryContainer : IDisposable
{
    public CosmosMemoryContainer(CosmosClient client, CosmosStoreSettings settings)
        : this(client.GetContainer(settings.DatabaseName, settings.ContainerName), settings)
    {
        Client = client;
    }

    /// <summary>For tests: a container without a client (no start-up initialisation possible).</summary>
    internal CosmosMemoryContainer(Container container, CosmosStoreSettings settings)
    {
        Container = container;
        Settings = settings;
    }

    public CosmosClient? Client { get; }

    public CosmosStoreSettings Settings { get; }

    public Container Container { get; }

    /// <summary>The container owns the client: disposed with the service provider, closing its connections.</summary>
    public void Dispose() => Client?.Dispose();
}
