namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// An HNSW graph (USearch) over one partition's unit vectors, keyed by slot, answering the nearest neighbours among the
/// slots a filter allows. Scores it reports are approximate (vectors are stored as f16 in the graph); the caller
/// re-scores the few it returns from the exact f32 vectors. Adds and removes must not overlap a search (the partition's
/// write lock sees to that); searches may run side by side, each on one of the index's thread contexts.
/// </summary>
internal sealed unsafe class ApproximateVectorIndex : IDisposable
{
    /// <summary>Graph degree (M): 16 is the usual balance of memory, build time and recall at a few hundred dimensions.</summary>
    public const int Connectivity = 16;

    /// <summary>Candidate list while inserting (efConstruction).</summary>
    public const int ExpansionAdd = 128;

    /// <summary>Candidate list while searching (ef); raised to the number of results asked for when that is larger.</summary>
    public const int ExpansionSearch = 96;

    private static readonly int Contexts = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly USearchHandle _handle;

    // USearch hands each caller one of a fixed number of thread contexts and has no wait of its own when they are all
    // taken, so every call into the index holds one of these first.
    private readonly SemaphoreSlim _contexts = new(Contexts, Contexts);
    private int _capacity;
    private int _count;

    private ApproximateVectorIndex(USearchHandle handle, int dimensions)
    {
        _handle = handle;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int Count => Volatile.Read(ref _count);

    public bool IsDisposed => _handle.IsClosed;

    /// <summary>Bytes the native index holds (vectors, graph, key table), as USearch counts them.</summary>
    public long MemoryUsage => (long)USearchNative.MemoryUsage(_handle, out _);

    public static ApproximateVectorIndex Create(int dimensions, int capacity)
    {
        var options = new USearchNative.InitOptions
        {
            MetricKind = USearchNative.MetricInnerProduct,
            Quantization = USearchNative.ScalarF16,
            Dimensions = (nuint)dimensions,
            Connectivity = Connectivity,
            ExpansionAdd = ExpansionAdd,
            ExpansionSearch = ExpansionSearch,
        };
        var index = new ApproximateVectorIndex(USearchHandle.Create(ref options), dimensions);
        index.Reserve(Math.Max(capacity, 1024));
        return index;
    }

    /// <summary>Adds the unit vector of <paramref name="slot"/> (which must not be in the index).</summary>
    public void Add(int slot, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions; the index holds {Dimensions}.", nameof(vector));
        }

        if (Interlocked.Increment(ref _count) > _capacity)
        {
            lock (_handle)
            {
                if (_count > _capacity)
                {
                    Reserve(_capacity * 2);
                }
            }
        }

        _contexts.Wait();
        try
        {
            fixed (float* pointer = vector)
            {
                USearchNative.Add(_handle, (ulong)slot, pointer, USearchNative.ScalarF32, out var error);
                USearchNative.ThrowIfFailed(error, "add");
            }
        }
        finally
        {
            _contexts.Release();
        }
    }

    public bool Remove(int slot)
    {
        var removed = USearchNative.Remove(_handle, (ulong)slot, out var error) > 0;
        USearchNative.ThrowIfFailed(error, "remove");
        if (removed)
        {
            Interlocked.Decrement(ref _count);
        }

        return removed;
    }

    /// <summary>
    /// Up to <paramref name="slots"/>.Length nearest slots that <paramref name="allowed"/> lets through (any slot when
    /// null: the walk then skips the filter callback on every candidate), nearest first; returns how many.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, SlotBitmap? allowed, Span<int> slots)
    {
        var keys = new ulong[slots.Length];
        var distances = new float[slots.Length];
        nuint found;
        _contexts.Wait();
        try
        {
            fixed (float* queryPointer = query)
            fixed (ulong* bits = allowed?.Words)
            fixed (ulong* keyPointer = keys)
            fixed (float* distancePointer = distances)
            {
                nint error;
                found = allowed is null
                    ? USearchNative.Search(_handle, queryPointer, USearchNative.ScalarF32, (nuint)slots.Length, keyPointer, distancePointer, out error)
                    : USearchNative.FilteredSearch(_handle, queryPointer, USearchNative.ScalarF32, (nuint)slots.Length, &SlotBitmap.IsSetCallback, bits, keyPointer, distancePointer, out error);
                USearchNative.ThrowIfFailed(error, "search");
            }
        }
        finally
        {
            _contexts.Release();
        }

        for (var i = 0; i < (int)found; i++)
        {
            slots[i] = (int)keys[i];
        }

        return (int)found;
    }

    /// <summary>
    /// The whole index (graph and f16 vectors) as USearch serialises it. The store never writes it to disk (it would be the
    /// vectors in clear, outside crypto-shredding); the ann benchmark times it against a rebuild to show why.
    /// </summary>
    public byte[] Save()
    {
        var buffer = new byte[(long)USearchNative.SerializedLength(_handle, out var error)];
        USearchNative.ThrowIfFailed(error, "serialized_length");
        fixed (byte* pointer = buffer)
        {
            USearchNative.SaveBuffer(_handle, pointer, (nuint)buffer.Length, out error);
            USearchNative.ThrowIfFailed(error, "save_buffer");
        }

        return buffer;
    }

    /// <summary>An index saved by <see cref="Save"/>.</summary>
    public static ApproximateVectorIndex Load(byte[] buffer, int dimensions)
    {
        var index = Create(dimensions, 0);
        fixed (byte* pointer = buffer)
        {
            USearchNative.LoadBuffer(index._handle, pointer, (nuint)buffer.Length, out var error);
            USearchNative.ThrowIfFailed(error, "load_buffer");
        }

        index._count = (int)USearchNative.Size(index._handle, out _);
        index.Reserve(Math.Max(index._count, 1024));
        return index;
    }

    /// <summary>
    /// The exact top <paramref name="count"/> of every query by inner product, on <paramref name="threads"/> threads
    /// (USearch's brute force; benchmarks use it for ground truth). Keys are row numbers, best first.
    /// </summary>
    public static long[] ExactSearch(ReadOnlySpan<float> dataset, ReadOnlySpan<float> queries, int dimensions, int count, int threads)
    {
        var rows = queries.Length / dimensions;
        var keys = new ulong[rows * count];
        var distances = new float[rows * count];
        fixed (float* data = dataset)
        fixed (float* query = queries)
        fixed (ulong* keyPointer = keys)
        fixed (float* distancePointer = distances)
        {
            var stride = (nuint)(dimensions * sizeof(float));
            USearchNative.ExactSearch(
                data, (nuint)(dataset.Length / dimensions), stride, query, (nuint)rows, stride, USearchNative.ScalarF32, (nuint)dimensions,
                USearchNative.MetricInnerProduct, (nuint)count, (nuint)threads, keyPointer, (nuint)(count * sizeof(ulong)), distancePointer, (nuint)(count * sizeof(float)), out var error);
            USearchNative.ThrowIfFailed(error, "exact_search");
        }

        return [.. keys.Select(key => (long)key)];
    }

    public void Dispose()
    {
        _handle.Dispose();
        _contexts.Dispose();
    }

    /// <summary>Reserving also resets the thread contexts, so the search count is set again right after.</summary>
    private void Reserve(int capacity)
    {
        USearchNative.Reserve(_handle, (nuint)capacity, out var error);
        USearchNative.ThrowIfFailed(error, "reserve");
        USearchNative.ChangeThreadsSearch(_handle, (nuint)Contexts, out error);
        USearchNative.ThrowIfFailed(error, "change_threads_search");
        USearchNative.ChangeThreadsAdd(_handle, (nuint)Contexts, out error);
        USearchNative.ThrowIfFailed(error, "change_threads_add");
        _capacity = capacity;
    }
}
