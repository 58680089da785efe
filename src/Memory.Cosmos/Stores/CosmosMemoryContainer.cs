using MemoryFunctions.Cosmos.Configuration;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>The memory container and the settings it was opened with; one per process, shared by both stores.</summary>
internal sealed class CosmosMemoryContainer(CosmosClient client, CosmosStoreSettings settings) : IDisposable
{
    public CosmosClient Client { get; } = client;

    public CosmosStoreSettings Settings { get; } = settings;

    public Container Container { get; } = client.GetContainer(settings.DatabaseName, settings.ContainerName);

    /// <summary>The container owns the client: disposed with the service provider, closing its connections.</summary>
    public void Dispose() => Client.Dispose();
}
