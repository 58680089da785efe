using System.Net;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>
/// The container's record of which model made its vectors (<see cref="EmbeddingModelDocument"/>), checked at start-up:
/// the first start writes it, every later start compares model id and dimensions and refuses to start on a difference —
/// hashing-384 and MiniLM-384 vectors compare without error and find nothing meaningful. One point read per start (1 RU).
/// </summary>
internal static class EmbeddingModelRecord
{
    private static readonly PartitionKey Partition =
        new PartitionKeyBuilder().Add(EmbeddingModelDocument.StorePartition).Add(EmbeddingModelDocument.StorePartition).Build();

    /// <summary>Records <paramref name="current"/> when the container has no record yet; returns the problem when it records another model, else null.</summary>
    public static async Task<string?> CheckAsync(Container container, CosmosStoreSettings settings, EmbeddingModelStamp current, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var recorded = await ReadAsync(container, cancellationToken);
        if (recorded is null)
        {
            var document = new EmbeddingModelDocument { ModelId = current.ModelId, Dimensions = current.Dimensions, RecordedAt = timeProvider.GetUtcNow().ToString("O") };
            using var stream = CosmosJson.ToStream(document);
            using var created = await container.CreateItemStreamAsync(stream, Partition, cancellationToken: cancellationToken);
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                CosmosFailures.ThrowIfFailed(created, "embeddingModel.create");
                return null;
            }

            // Another instance starting at the same moment recorded first: compare with what it wrote.
            recorded = await ReadAsync(container, cancellationToken);
        }

        return recorded is null || recorded == current ? null : Describe(recorded, current, settings);
    }

    internal static string Describe(EmbeddingModelStamp recorded, EmbeddingModelStamp current, CosmosStoreSettings settings) =>
        $"The Cosmos DB container '{settings.DatabaseName}/{settings.ContainerName}' holds vectors made by {recorded}, but the configured embedder is {current}: "
        + "the two vector spaces cannot be searched together. "
        + "Fix: configure the embedding model that wrote them again (Memory:OpenAI:EmbeddingModel and its dimensions), "
        + "or use a new container for the new model (Memory:Cosmos:ContainerName, with Memory:Cosmos:EmbeddingDimensions set to its length) and write the memories you want to keep again there: "
        + "there is no in-place re-embed command.";

    private static async Task<EmbeddingModelStamp?> ReadAsync(Container container, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(DocumentTypes.EmbeddingModelDocumentId, Partition, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosFailures.ThrowIfFailed(response, "embeddingModel.read");
        var document = await CosmosJson.ReadAsync<EmbeddingModelDocument>(response.Content, cancellationToken);
        return new EmbeddingModelStamp(document.ModelId, document.Dimensions);
    }
}
