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
        SearchablePaths = settings.FullTextSearch ? settings.FullTextPaths : [];
    }

    public CosmosClient? Client { get; }

    public CosmosStoreSettings Settings { get; }

    public Container Container { get; }

    /// <summary>
    /// The full-text paths the lexical channel scores: <see cref="CosmosStoreSettings.FullTextPaths"/>, narrowed at start-up
    /// to those the container's full-text policy and index hold (an older container may lack the turn fields); empty when
    /// full-text search is off.
    /// </summary>
    public IReadOnlyList<string> SearchablePaths { get; internal set; }

    /// <summary>The container owns the client: disposed with the service provider, closing its connections.</summary>
    public void Dispose() => Client?.Dispose();
}
