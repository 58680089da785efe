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
/// A model that fails to load fails every call with <see cref="EmbedderUnavailableException"/> carrying the load error (a
/// fault, not a wait: it asks for a restart, and <see cref="LoadFailure"/> turns the host's health unhealthy).
/// </summary>
public sealed class LoadingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>A failed load needs a restart, not a retry in a second: callers are asked to come back much later.</summary>
    private static readonly TimeSpan FailedRetryAfter = TimeSpan.FromSeconds(60);

    private readonly Func<Task<IEmbeddingGenerator<string, Embedding<float>>>> _load;
    private readonly TaskCompletionSource<IEmbeddingGenerator<string, Embedding<float>>> _loading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly TimeSpan _foregroundWait;
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _begun;

    /// <summary>A model already loading (<paramref name="loading"/> runs).</summary>
    public LoadingEmbeddingGenerator(Task<IEmbeddingGenerator<string, Embedding<float>>> loading, EmbeddingGeneratorMetadata metadata, TimeSpan foregroundWait)
        : this(() => loading, metadata, foregroundWait)
    {
        ArgumentNullException.ThrowIfNull(loading);
        BeginLoading();
    }

    /// <summary>
    /// A model that starts loading (<paramref name="load"/>: starts the work elsewhere and returns its task without blocking) at <see cref="BeginLoading"/> or at the
    /// first call that needs it, whichever comes first: the host starts it once it serves, so the weights do not take CPU
    /// from opening the store and starting the host.
    /// </summary>
    public LoadingEmbeddingGenerator(Func<Task<IEmbeddingGenerator<string, Embedding<float>>>> load, EmbeddingGeneratorMetadata metadata, TimeSpan foregroundWait)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(metadata);
        _load = load;
        _metadata = metadata;
        _foregroundWait = foregroundWait;
    }

    /// <summary>Completes when the model has loaded (or failed to); does not start the load.</summary>
    public Task Loaded => _loading.Task;

    /// <summary>Why the model failed to load, or null while it loads or once it has loaded.</summary>
    public Exception? LoadFailure => _loading.Task.IsFaulted ? _loading.Task.Exception.GetBaseException() : null;

    /// <summary>Starts loading the model unless that has begun already.</summary>
    public void BeginLoading()
    {
        if (Interlocked.Exchange(ref _begun, 1) != 0)
        {
            return;
        }

        Task<IEmbeddingGenerator<string, Embedding<float>>> load;
        try
        {
            load = _load();
        }
#pragma warning disable CA1031 // Every failure is the load's outcome: callers get it as EmbedderUnavailableException, health as unhealthy.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            load = Task.FromException<IEmbeddingGenerator<string, Embedding<float>>>(exception);
        }

        // Synchronously, so the model is ready the moment the load's own task completes.
        load.ContinueWith(
            loaded =>
            {
                if (loaded.IsCompletedSuccessfully)
                {
                    _loading.TrySetResult(loaded.Result);
                }
                else
                {
                    _loading.TrySetException(loaded.Exception?.InnerExceptions ?? [new OperationCanceledException("The model's load was cancelled.")]);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

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

        return _loading.Task.IsCompletedSuccessfully ? _loading.Task.Result.GetService(serviceType, serviceKey) : null;
    }

    public void Dispose() =>
        _loading.Task.ContinueWith(loaded => loaded.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async ValueTask<IEmbeddingGenerator<string, Embedding<float>>> ModelAsync(CancellationToken cancellationToken)
    {
        BeginLoading();
        try
        {
            return _loading.Task.IsCompleted || BackgroundWork.CurrentOwner is not null
                ? await _loading.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await _loading.Task.WaitAsync(_foregroundWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (LoadFailure is { } failure)
        {
            throw new EmbedderUnavailableException(
                $"The embedding model '{_metadata.DefaultModelId}' failed to load ({failure.Message}); requests that need no embedding are served meanwhile. Fix the model (the server log has the error) and restart the server.",
                failure,
                FailedRetryAfter);
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
