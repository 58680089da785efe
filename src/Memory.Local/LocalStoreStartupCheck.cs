using MemoryFunctions.Local.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local;

/// <summary>
/// Opens (recovers) the store while the host starts, before any hosted service's StartAsync can use it, and refuses to
/// start when the stored vectors and the registered embedder disagree on dimensions: searching them would silently
/// find nothing, which is worse than not starting.
/// </summary>
internal sealed class LocalStoreStartupCheck(LocalStorageEngine engine, IServiceProvider services, ILogger<LocalStoreStartupCheck> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var stored = engine.StoredVectorDimensions;
        if (stored is null || services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is not { } embedder)
        {
            return;
        }

        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var produced = metadata?.DefaultModelDimensions
            ?? (await embedder.GenerateVectorAsync("dimension probe", cancellationToken: cancellationToken)).Length;
        var problem = Describe(stored.Value, produced, engine.DataDirectory, metadata);
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }

        Log.DimensionsChecked(logger, stored, produced);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The start-up error for a mismatch, or null when the dimensions agree.</summary>
    internal static string? Describe(int stored, int produced, string dataDirectory, EmbeddingGeneratorMetadata? metadata)
    {
        if (stored == produced)
        {
            return null;
        }

        var model = metadata is null ? "the registered embedding generator" : $"the embedding model '{metadata.DefaultModelId}' ({metadata.ProviderName})";
        return $"The local store in '{dataDirectory}' holds {stored}-dimensional embeddings, but {model} produces {produced}-dimensional ones, "
            + "so existing memories could not be searched. "
            + $"Fix: set Memory:Embeddings:Dimensions back to {stored} (or configure the embedding model that wrote them), "
            + "or point Memory:Local:DataDirectory at a new directory (re-embedding the memories you want to keep) to use the new model.";
    }
}
