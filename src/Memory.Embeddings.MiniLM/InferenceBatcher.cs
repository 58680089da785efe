namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The queue in front of the model: every caller's texts wait here, and at most <c>maxConcurrentInferences</c> inferences
/// drain it, each taking the oldest waiting text and up to <c>batchSize - 1</c> others closest to it in length. Texts of
/// concurrent callers (the ingestion workers, searches) so share inferences: fewer, fuller batches, and less padding
/// than one caller's mixed lengths would need. A text arriving when an inference is free is run at once, so nothing
/// waits for a batch to fill.
/// </summary>
/// <remarks>
/// Bounded: at most <c>capacity</c> texts wait; a caller with more waits (cancellably) for room. A cancelled caller's
/// waiting texts leave the queue; an inference already running for it finishes (it may serve other callers too).
/// </remarks>
internal sealed class InferenceBatcher : IDisposable
{
    /// <summary>
    /// Padding allowed in a batch, as a share of its real word pieces: padded positions cost as much as real ones, but a
    /// batch of one costs more per text (smaller matrix products), so similar lengths may share a batch.
    /// </summary>
    private const double MaxPaddingShare = 0.25;

    /// <summary>
    /// Word pieces in one batch, padding included: ONNX Runtime keeps the memory of its largest inference (attention and
    /// feed-forward activations grow with batch × length), and past a few hundred rows bigger products are no cheaper.
    /// A single longer text still runs alone.
    /// </summary>
    private const int MaxBatchWordPieces = 1024;

    private readonly Func<IReadOnlyList<int[]>, CancellationToken, float[][]> _infer;
    private readonly int _batchSize;
    private readonly int _maxConcurrentInferences;
    private readonly List<Waiting> _waiting = [];
    private readonly SemaphoreSlim _inferences;
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _disposed = new();
    private int _disposing;

    public InferenceBatcher(Func<IReadOnlyList<int[]>, CancellationToken, float[][]> infer, int batchSize, int maxConcurrentInferences, int capacity)
    {
        _infer = infer;
        _batchSize = batchSize;
        _maxConcurrentInferences = maxConcurrentInferences;
        _inferences = new SemaphoreSlim(maxConcurrentInferences, maxConcurrentInferences);
        _room = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>The vectors of <paramref name="texts"/> (word-piece ids each), in the same order.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<int[]> texts, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        var items = texts.Select(ids => new Waiting(ids)).ToArray();
        using var cancel = cancellationToken.Register(() => Withdraw(items, cancellationToken));
        foreach (var item in items)
        {
            if (!_room.Wait(0, CancellationToken.None))
            {
                // The queue is full: let what is already queued run, then wait for room.
                StartInferences();
                await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            lock (_waiting)
            {
                _waiting.Add(item);
            }
        }

        StartInferences();
        return await Task.WhenAll(items.Select(item => item.Done.Task)).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 1)
        {
            return;
        }

        _disposed.Cancel();
        for (var i = 0; i < _maxConcurrentInferences; i++)
        {
            // Running inferences finish before the model they use goes away.
            _inferences.Wait();
        }

        lock (_waiting)
        {
            _waiting.ForEach(item => item.Done.TrySetException(new ObjectDisposedException(nameof(MiniLMEmbeddingGenerator))));
            _waiting.Clear();
        }

        _inferences.Dispose();
        _room.Dispose();
        _disposed.Dispose();
    }

    /// <summary>Starts an inference loop for each free slot while texts wait.</summary>
    private void StartInferences()
    {
        while (HasWaiting() && !_disposed.IsCancellationRequested && _inferences.Wait(0))
        {
            _ = Task.Run(InferWhileWaiting);
        }
    }

    private void InferWhileWaiting()
    {
        try
        {
            while (TakeBatch() is { } batch)
            {
                Run(batch);
            }
        }
        finally
        {
            _inferences.Release();
        }

        // Texts queued after the last take but before the release found no free slot: start one for them.
        StartInferences();
    }

    private void Run(List<Waiting> batch)
    {
        try
        {
            var vectors = _infer([.. batch.Select(item => item.Ids)], _disposed.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(vectors[i]);
            }
        }
#pragma warning disable CA1031 // Whatever the inference threw belongs to the callers of this batch, not to the loop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            batch.ForEach(item => item.Done.TrySetException(exception));
        }
    }

    /// <summary>The oldest waiting text and the waiting texts nearest to it in length, as long as padding and size stay small.</summary>
    private List<Waiting>? TakeBatch()
    {
        lock (_waiting)
        {
            if (_waiting.Count == 0 || _disposed.IsCancellationRequested)
            {
                return null;
            }

            var oldest = _waiting[0];
            List<Waiting> batch = [oldest];
            var (longest, real) = (oldest.Ids.Length, oldest.Ids.Length);
            foreach (var candidate in _waiting.Skip(1).OrderBy(item => Math.Abs(item.Ids.Length - oldest.Ids.Length)))
            {
                if (batch.Count == _batchSize)
                {
                    break;
                }

                var padded = Math.Max(longest, candidate.Ids.Length) * (batch.Count + 1);
                if (padded <= MaxBatchWordPieces && padded <= (real + candidate.Ids.Length) * (1 + MaxPaddingShare))
                {
                    batch.Add(candidate);
                    (longest, real) = (Math.Max(longest, candidate.Ids.Length), real + candidate.Ids.Length);
                }
            }

            _waiting.RemoveAll(batch.Contains);
            _room.Release(batch.Count);
            return batch;
        }
    }

    private bool HasWaiting()
    {
        lock (_waiting)
        {
            return _waiting.Count > 0;
        }
    }

    /// <summary>A cancelled caller's texts leave the queue (those already taken into an inference finish unused).</summary>
    private void Withdraw(Waiting[] items, CancellationToken cancellationToken)
    {
        lock (_waiting)
        {
            var withdrawn = _waiting.RemoveAll(items.Contains);
            if (withdrawn > 0)
            {
                _room.Release(withdrawn);
            }
        }

        foreach (var item in items)
        {
            item.Done.TrySetCanceled(cancellationToken);
        }
    }

    private sealed class Waiting(int[] ids)
    {
        public int[] Ids { get; } = ids;

        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
