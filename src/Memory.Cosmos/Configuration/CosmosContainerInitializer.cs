using System.Net;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Cosmos.Diagnostics;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Cosmos.Configuration;

/// <summary>
/// At start-up: creates database and container when <c>CreateIfNotExists</c> is set, then reads the container and refuses
/// to start when its partition key, vector policy or index, time-to-live or full-text policy contradict the configuration
/// (a mismatch would otherwise surface much later as failed writes, wrong scores, memories that never expire, or failed searches);
/// last, when an embedder is registered, checks (or first records) which model made the container's vectors
/// (<see cref="EmbeddingModelRecord"/>).
/// </summary>
internal sealed class CosmosContainerInitializer(
    CosmosMemoryContainer memoryContainer, ContainerDefinition definition, ILogger<CosmosContainerInitializer> logger) : IHostedService
{
    /// <summary>Memory:Cosmos:CreateIfNotExists.</summary>
    internal bool ShouldCreate { get; init; }

    /// <summary>The host's embedder, whose model must be the one that made the stored vectors; null when none is registered.</summary>
    internal IEmbeddingGenerator<string, Embedding<float>>? Embedder { get; init; }

    internal TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = memoryContainer.Settings;
        var expected = ContainerPropertiesFactory.Build(definition, settings);
        if (await ContainerExistsAsync(cancellationToken) is false)
        {
            if (!ShouldCreate)
            {
                throw new InvalidOperationException(
                    $"Cosmos DB container '{settings.DatabaseName}/{settings.ContainerName}' does not exist. Deploy the infrastructure (azd up) " +
                    "or set Memory:Cosmos:CreateIfNotExists to true to create it from cosmos-container.json.");
            }

            var client = memoryContainer.Client ?? throw new InvalidOperationException("The container was opened without a client.");
            var database = await client.CreateDatabaseIfNotExistsAsync(settings.DatabaseName, cancellationToken: cancellationToken);
            await database.Database.CreateContainerIfNotExistsAsync(expected, cancellationToken: cancellationToken);
            Log.ContainerCreated(logger, settings.DatabaseName, settings.ContainerName);
        }

        var existing = await memoryContainer.Container.ReadContainerAsync(cancellationToken: cancellationToken);
        var problems = ContainerPropertiesFactory.FindMismatches(existing.Resource, expected);
        if (problems.Count > 0)
        {
            var message = string.Join(" ", problems);
            Log.ContainerMismatch(logger, settings.DatabaseName, settings.ContainerName, message);
            throw new InvalidOperationException(message);
        }

        // A container made before the turn fields joined the full-text policy searches the text alone until it is updated.
        memoryContainer.SearchablePaths = ContainerPropertiesFactory.SearchablePaths(existing.Resource, expected);
        if (settings.FullTextSearch && settings.FullTextPaths.Except(memoryContainer.SearchablePaths).ToList() is { Count: > 0 } missing)
        {
            Log.FullTextPathsMissing(logger, settings.DatabaseName, settings.ContainerName, string.Join(", ", missing));
        }

        await CheckEmbeddingModelAsync(settings, cancellationToken);
        Log.ContainerReady(logger, settings.DatabaseName, settings.ContainerName, settings.VectorIndexType.ToString(), settings.EmbeddingDimensions, settings.FullTextSearch);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckEmbeddingModelAsync(CosmosStoreSettings settings, CancellationToken cancellationToken)
    {
        if (Embedder is null)
        {
            return;
        }

        var current = await EmbeddingModelStamp.OfAsync(Embedder, settings.EmbeddingDimensions, cancellationToken);
        if (await EmbeddingModelRecord.CheckAsync(memoryContainer.Container, settings, current, TimeProvider, cancellationToken) is { } problem)
        {
            Log.ContainerMismatch(logger, settings.DatabaseName, settings.ContainerName, problem);
            throw new InvalidOperationException(problem);
        }
    }

    private async Task<bool> ContainerExistsAsync(CancellationToken cancellationToken)
    {
        using var response = await memoryContainer.Container.ReadContainerStreamAsync(cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        CosmosFailures.ThrowIfFailed(response, "container.read");
        return true;
    }
}
