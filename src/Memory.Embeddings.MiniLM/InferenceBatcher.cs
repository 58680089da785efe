namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The queue in front of the model: every caller's texts wait here, and at most <c>maxConcurrentInferences</c> inferences
/// drain it, each taking one text and up to <c>batchSize - 1</c> others closest to it in length. Texts of concurrent
/// callers so share inferences: fewer, fuller batches, and less padding than one caller's mixed lengths would need. A text
/// arriving when an inference is free is run at once, so nothing waits for a batch to fill.
/// </summary>
/// <remarks>
/// Two lanes, so that ingestion cannot slow down searches (issue 25, symptom 5). A foreground text (a search's query:
/// no background owner) is taken before any background one and batched only with foreground texts. Background texts
/// (ingestion, by owner: a tenant) run in at most <c>maxBackgroundInferences</c> inferences at once, so an inference slot,
/// and the core it runs on, stays free for the next query; the owner served longest ago seeds the next background batch,
/// and a background batch holds only its seed owner's texts, so no owner pays for another's, except that a light owner's
/// batch (see below) is filled with other light owners' texts: many tenants with a text each share an inference, and
/// no light text ever rides in a flood's batch nor a flood's text in theirs. One more background
/// inference (the spare) may run for a light owner, one with nothing in an inference and at most
/// <see cref="LightOwnerTexts"/> texts waiting (a one-turn ingestion's step), so such a text waits for no flood's batch
/// at all (measured: behind a 32-text batch it waited 0.1–0.9 s on a loaded 2-core host, docs/performance.md); a query
/// then waits at most for that one inference of light owners' short texts. A flood's batches (an owner that is not light)
/// run on <see cref="BackgroundInferenceThreads"/>, below every ordinary thread in the kernel's eyes, so the other
/// tenants' steps and searches do not wait for a core behind them either.
/// Bounded: at most <c>capacity</c> texts wait per lane; a caller with more waits (cancellably) for room. A cancelled
/// caller's waiting texts leave the queue; an inference already running for it finishes (it may serve other callers too).
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

    /// <summary>
    /// Most texts a background owner may have waiting to use the spare inference: what one step of a one-turn ingestion
    /// embeds (the turn, its facts, a summary). A flood's owner has hundreds waiting, so it never takes the spare.
    /// </summary>
    internal const int LightOwnerTexts = 4;

    private readonly Func<IReadOnlyList<int[]>, CancellationToken, float[][]> _infer;
    private readonly int _batchSize;
    private readonly int _maxConcurrentInferences;
    private readonly int _maxBackgroundInferences;
    private readonly List<Waiting> _waiting = [];
    private readonly Dictionary<string, Owner> _owners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inferences;
    private readonly SemaphoreSlim _foregroundRoom;
    private readonly SemaphoreSlim _backgroundRoom;
    private readonly BackgroundInferenceThreads _floodThreads;
    private readonly CancellationTokenSource _disposed = new();
    private int _runningBackground;
    private bool _spareRunning;
    private long _backgroundBatches;
    private int _disposing;

    public InferenceBatcher(Func<IReadOnlyList<int[]>, CancellationToken, float[][]> infer, int batchSize, int maxConcurrentInferences, int maxBackgroundInferences, int capacity)
    {
        _infer = infer;
        _batchSize = batchSize;
        _maxConcurrentInferences = maxConcurrentInferences;
        _maxBackgroundInferences = Math.Clamp(maxBackgroundInferences, 1, maxConcurrentInferences);
        _inferences = new SemaphoreSlim(maxConcurrentInferences, maxConcurrentInferences);
        _foregroundRoom = new SemaphoreSlim(capacity, capacity);
        _backgroundRoom = new SemaphoreSlim(capacity, capacity);
        _floodThreads = new BackgroundInferenceThreads(_maxBackgroundInferences);
    }

    /// <summary>
    /// The vectors of <paramref name="texts"/> (word-piece ids each), in the same order; <paramref name="backgroundOwner"/>
    /// is null for foreground work, else whose background work this is.
    /// </summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<int[]> texts, string? backgroundOwner, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        cancellationToken.ThrowIfCancellationRequested();
        var items = texts.Select(ids => new Waiting(ids, backgroundOwner)).ToArray();
        var room = backgroundOwner is null ? _foregroundRoom : _backgroundRoom;
        using var cancel = cancellationToken.Register(() => Withdraw(items, cancellationToken));
        foreach (var item in items)
        {
            if (!room.Wait(0, CancellationToken.None))
            {
                // The lane is full: let what is already queued run, then wait for room.
                StartInferences();
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            lock (_waiting)
            {
                Add(item);
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
            _owners.Clear();
        }

        _floodThreads.Dispose();
        _inferences.Dispose();
        _foregroundRoom.Dispose();
        _backgroundRoom.Dispose();
        _disposed.Dispose();
    }

    /// <summary>Starts an inference loop for each free slot while texts wait that a loop may take.</summary>
    private void StartInferences()
    {
        while (HasTakeable() && !_disposed.IsCancellationRequested && _inferences.Wait(0))
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
                Run(batch.Texts, batch.Spare, batch.Flood);
            }
        }
        finally
        {
            _inferences.Release();
        }

        // Texts queued after the last take but before the release found no free slot: start one for them.
        StartInferences();
    }

    /// <param name="flood">A batch of a background owner that is not light: run on <see cref="BackgroundInferenceThreads"/>.</param>
    private void Run(List<Waiting> batch, bool spare, bool flood)
    {
        try
        {
            IReadOnlyList<int[]> texts = [.. batch.Select(item => item.Ids)];
            var vectors = flood ? _floodThreads.Run(() => _infer(texts, _disposed.Token)) : _infer(texts, _disposed.Token);
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
        finally
        {
            if (batch[0].BackgroundOwner is not null)
            {
                lock (_waiting)
                {
                    if (spare)
                    {
                        _spareRunning = false;
                    }
                    else
                    {
                        _runningBackground--;
                    }

                    foreach (var name in OwnersOf(batch))
                    {
                        Adjust(name, running: -1, waiting: 0);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The next batch: the oldest foreground text with the foreground texts nearest to it in length; else, while a
    /// background inference may start, the oldest text of the owner served longest ago with that owner's texts nearest
    /// to it (in the spare inference only a light owner's); in every case as long as padding and size stay small. A batch
    /// seeded by a background owner that is not light is a flood's: it runs at low OS priority.
    /// </summary>
    private (List<Waiting> Texts, bool Spare, bool Flood)? TakeBatch()
    {
        lock (_waiting)
        {
            if (_disposed.IsCancellationRequested || NextSeed() is not { } next)
            {
                return null;
            }

            var (seed, spare) = next;
            List<Waiting> batch = [seed];
            var (longest, real) = (seed.Ids.Length, seed.Ids.Length);
            // A light seed's batch may take other light owners' texts; any other batch holds its seed owner's texts only.
            var lightSeed = seed.BackgroundOwner is { } seedOwner && IsLight(_owners[seedOwner]);
            var sameLane = _waiting.Where(item => item != seed
                && (item.BackgroundOwner == seed.BackgroundOwner || (lightSeed && item.BackgroundOwner is { } other && IsLight(_owners[other]))));
            foreach (var candidate in sameLane.OrderBy(item => Math.Abs(item.Ids.Length - seed.Ids.Length)))
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

            if (seed.BackgroundOwner is not null)
            {
                if (spare)
                {
                    _spareRunning = true;
                }
                else
                {
                    _runningBackground++;
                }

                foreach (var name in OwnersOf(batch))
                {
                    var owner = _owners[name];
                    owner.LastServed = ++_backgroundBatches;
                    owner.Running++;
                }
            }

            Remove(batch);
            (seed.BackgroundOwner is null ? _foregroundRoom : _backgroundRoom).Release(batch.Count);
            return (batch, spare, seed.BackgroundOwner is not null && !lightSeed);
        }
    }

    /// <summary>
    /// The text the next batch starts from, and whether it takes the spare inference; null when nothing may start now.
    /// Caller holds the lock.
    /// </summary>
    private (Waiting Seed, bool Spare)? NextSeed()
    {
        if (_waiting.Find(item => item.BackgroundOwner is null) is { } foreground)
        {
            return (foreground, false);
        }

        if (_runningBackground < _maxBackgroundInferences)
        {
            return LongestAgoServed(_ => true) is { } seed ? (seed, false) : null;
        }

        return !_spareRunning && LongestAgoServed(IsLight) is { } light ? (light, true) : null;
    }

    /// <summary>An owner with nothing in an inference and at most <see cref="LightOwnerTexts"/> texts waiting (a one-turn ingestion's step).</summary>
    private static bool IsLight(Owner owner) => owner is { Running: 0, Waiting: <= LightOwnerTexts };

    private static IEnumerable<string> OwnersOf(List<Waiting> batch) => batch.Select(item => item.BackgroundOwner).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>The oldest text of the owner served longest ago among those <paramref name="eligible"/>. Caller holds the lock.</summary>
    private Waiting? LongestAgoServed(Func<Owner, bool> eligible)
    {
        Waiting? seed = null;
        foreach (var item in _waiting)
        {
            if (item.BackgroundOwner is { } name && eligible(_owners[name]) && (seed is null || _owners[name].LastServed < _owners[seed.BackgroundOwner!].LastServed))
            {
                seed = item;
            }
        }

        return seed;
    }

    private bool HasTakeable()
    {
        lock (_waiting)
        {
            return NextSeed() is not null;
        }
    }

    /// <summary>Queues a text; a background owner new to the queue counts as served longest ago. Caller holds the lock.</summary>
    private void Add(Waiting item)
    {
        _waiting.Add(item);
        if (item.BackgroundOwner is { } name)
        {
            if (!_owners.TryGetValue(name, out var owner))
            {
                _owners[name] = owner = new Owner();
            }

            owner.Waiting++;
        }
    }

    /// <summary>Takes texts out of the queue. Caller holds the lock.</summary>
    private int Remove(IReadOnlyCollection<Waiting> items)
    {
        var removed = _waiting.RemoveAll(items.Contains);
        foreach (var item in items)
        {
            if (item.BackgroundOwner is { } name)
            {
                Adjust(name, running: 0, waiting: -1);
            }
        }

        return removed;
    }

    /// <summary>
    /// Counts an owner's texts and inferences down; with neither left the owner is forgotten (its next text counts as
    /// served longest ago), while one still running keeps its turn, so its next text waits for the others. Caller holds the lock.
    /// </summary>
    private void Adjust(string name, int running, int waiting)
    {
        if (_owners.TryGetValue(name, out var owner))
        {
            owner.Running += running;
            owner.Waiting += waiting;
            if (owner is { Running: 0, Waiting: 0 })
            {
                _owners.Remove(name);
            }
        }
    }

    /// <summary>A cancelled caller's texts leave the queue (those already taken into an inference finish unused).</summary>
    private void Withdraw(Waiting[] items, CancellationToken cancellationToken)
    {
        lock (_waiting)
        {
            var queued = items.Where(_waiting.Contains).ToArray();
            var withdrawn = Remove(queued);
            if (withdrawn > 0)
            {
                (items[0].BackgroundOwner is null ? _foregroundRoom : _backgroundRoom).Release(withdrawn);
            }
        }

        foreach (var item in items)
        {
            item.Done.TrySetCanceled(cancellationToken);
        }
    }

    private sealed class Waiting(int[] ids, string? backgroundOwner)
    {
        public int[] Ids { get; } = ids;

        public string? BackgroundOwner { get; } = backgroundOwner;

        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A background owner with texts waiting or in an inference: how many, and when it last seeded a batch (0: not yet).</summary>
    private sealed class Owner
    {
        public int Waiting { get; set; }

        public int Running { get; set; }

        public long LastServed { get; set; }
    }
}
