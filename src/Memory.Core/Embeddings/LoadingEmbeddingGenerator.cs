using System.Diagnostics;
using MemoryFunctions.Core.Workflow;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Core.Embeddings;

/// <summary>
/// An embedder whose model loads in the background while the host starts, so start-up (and every request that needs no
/// vector) does not wait for it. Until it has loaded, a foreground caller (a request) waits at most
/// <c>foregroundWait</c> and then gets <see cref="EmbedderUnavailableException"/> (503 + Retry-After); background work
/// (ingestion, marked by <see cref="BackgroundWork"/>) waits until it has loaded, since nobody is holding a connection
/// open for it. The model's metadata is known before it loads, so the store's model check need not wait either.
/// A model that fails to load fails every call with its own exception (a fault, not a wait).
/// </summary>
public sealed class LoadingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Task<IEmbeddingGenerator<string, Embedding<float>>> _loading;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly TimeSpan _foregroundWait;
    private readonly long _started = Stopwatch.GetTimestamp();

    public LoadingEmbeddingGenerator(Task<IEmbeddingGenerator<string, Embedding<float>>> loading, EmbeddingGeneratorMetadata metadata, TimeSpan foregroundWait)
    {
        ArgumentNullException.ThrowIfNull(loading);
        ArgumentNullException.ThrowIfNull(metadata);
        _loading = loading;
        _metadata = metadata;
        _foregroundWait = foregroundWait;
    }

    /// <summary>Completes when the model has loaded (or failed to).</summary>
    public Task Loaded => _loading;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = await ModelAsync(cancellationToken).ConfigureAwait(false);
        return await model.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return _loading.IsCompletedSuccessfully ? _loading.Result.GetService(serviceType, serviceKey) : null;
    }

    public void Dispose() =>
        _loading.ContinueWith(loaded => loaded.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async ValueTask<IEmbeddingGenerator<string, Embedding<float>>> ModelAsync(CancellationToken cancellationToken)
    {
        if (_loading.IsCompleted || BackgroundWork.CurrentOwner is not null)
        {
            return await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _loading.WaitAsync(_foregroundWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var loadingFor = Stopwatch.GetElapsedTime(_started);
            throw new EmbedderUnavailableException(
                $"The embedding model '{_metadata.DefaultModelId}' is still loading ({loadingFor.TotalSeconds:F0} s since the server started); requests that need no embedding are served meanwhile.",
                TimeSpan.FromSeconds(2));
        }
    }
}
