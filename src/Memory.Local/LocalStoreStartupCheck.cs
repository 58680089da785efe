using MemoryFunctions.Core.Search;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local;

/// <summary>
/// Opens (recovers) the store while the host starts, before any hosted service's StartAsync can use it, and refuses to
/// start when the stored vectors were made by another embedding model (other id or other length) than the registered
/// one: searching them would silently find nonsense, which is worse than not starting. The model is recorded in
/// <see cref="EmbeddingModelFile"/> the first time; a store holding no vectors simply takes the current model. A store
/// that holds vectors but has lost the record refuses to start too: guessing the model (and re-stamping the file with the
/// guess) would let any embedder of the same length take over the vectors unnoticed.
/// </summary>
internal sealed class LocalStoreStartupCheck(LocalStorageEngine engine, IServiceProvider services, ILogger<LocalStoreStartupCheck> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is not { } embedder)
        {
            return;
        }

        if (DescribeUnfinishedReembed(engine.DataDirectory) is { } unfinished)
        {
            throw new InvalidOperationException(unfinished);
        }

        var current = await EmbeddingModelStamp.OfAsync(embedder, cancellationToken: cancellationToken);
        var holdsVectors = engine.StoredVectorDimensions is not null;
        var recorded = EmbeddingModelFile.Read(engine.DataDirectory);
        if (holdsVectors && recorded is null)
        {
            throw new InvalidOperationException(DescribeMissing(engine.StoredVectorDimensions!.Value, current, engine.DataDirectory));
        }

        if (holdsVectors && Describe(recorded!, current, engine.DataDirectory) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (recorded != current)
        {
            EmbeddingModelFile.Write(engine.DataDirectory, current);
        }

        Log.EmbeddingModelChecked(logger, current.ModelId, current.Dimensions);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The start-up error when stored vectors came from another model, or null when they are the current model's.</summary>
    internal static string? Describe(EmbeddingModelStamp stored, EmbeddingModelStamp current, string dataDirectory)
    {
        if (stored == current)
        {
            return null;
        }

        return $"The local store in '{dataDirectory}' holds vectors made by {stored}, but the configured embedder is {current}: "
            + "the two vector spaces cannot be searched together. "
            + "Fix: configure the embedder that wrote them again (Memory:Embeddings:Provider, Memory:Embeddings:Dimensions, or Memory:OpenAI:EmbeddingModel), "
            + "or re-embed the stored memories with the configured embedder, with the server stopped: dotnet run --project src/Memory.Server -- reembed "
            + "(resumable; docs/local-store.md), or point Memory:Local:DataDirectory at a new directory to start afresh.";
    }

    /// <summary>The start-up error while a re-embed is unfinished (the store holds vectors of two models), or null.</summary>
    internal static string? DescribeUnfinishedReembed(string dataDirectory) =>
        ReembedProgressFile.Read(dataDirectory) is { } progress
            ? $"The local store in '{dataDirectory}' is half-way through a re-embed with {progress.Target}: it holds vectors of two models, which cannot be searched together. "
                + "Fix: run the re-embed again with that embedder configured, with the server stopped (dotnet run --project src/Memory.Server -- reembed); it goes on where it stopped."
            : null;

    /// <summary>The start-up error when the store holds vectors but no record of the model that made them.</summary>
    internal static string DescribeMissing(int storedDimensions, EmbeddingModelStamp current, string dataDirectory) =>
        $"The local store in '{dataDirectory}' holds {storedDimensions}-dimensional vectors but has no {EmbeddingModelFile.FileName} naming the model that made them, "
        + $"so it cannot tell whether the configured embedder ({current}) can search them. "
        + $"Fix: restore {EmbeddingModelFile.FileName} from a backup of that directory; or, if you know which model wrote the vectors, "
        + $"write the file yourself: {{\"formatVersion\":1,\"modelId\":\"<that model's id, e.g. {current.ModelId}>\",\"dimensions\":{storedDimensions}}} "
        + $"(stores written before the record existed hold '{HashingEmbedder.ModelId}' vectors); "
        + "or point Memory:Local:DataDirectory at a new directory.";
}
