using System.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Indexing;

internal sealed partial class PartitionIndex
{
    /// <summary>Slots added to a new approximate index per hold of the read lock: short enough that writers wait milliseconds.</summary>
    private const int BuildStep = 64;

    private readonly ApproximateIndexBuilder? _builder;
    private ApproximateVectorIndex? _approximate;

    // While a build runs: the slots it has already passed (changes to them are replayed when it publishes) and how far it got.
    private HashSet<int>? _changedBehindBuild;
    private int _buildCursor;
    private bool _retired;

    /// <param name="builder">Builds the approximate index once the partition reaches its threshold; null: never.</param>
    /// <param name="deferLexicalIndex">Loaded at start-up: the lexical index is built later (<see cref="EnsureLexicalIndex()"/>).</param>
    public PartitionIndex(ApproximateIndexBuilder? builder = null, bool deferLexicalIndex = false)
    {
        _builder = builder;
        _lexicalBuilt = !deferLexicalIndex;
    }

    /// <summary>Whether searches of this partition go through the approximate index (for tests and diagnostics).</summary>
    public bool HasApproximateIndex
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _approximate is not null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>The approximate index itself, for tests that check what it holds; null below the threshold.</summary>
    internal ApproximateVectorIndex? ApproximateIndex => _approximate;

    /// <summary>
    /// Erased: the approximate index is freed now (its vectors leave the process's memory once a search already inside it
    /// returns), and nothing will build another for this partition object.
    /// </summary>
    public void Retire()
    {
        _lock.EnterWriteLock();
        try
        {
            _retired = true;
            _approximate?.Dispose();
            _approximate = null;
            _changedBehindBuild = null;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Builds the approximate index in steps of <see cref="BuildStep"/> slots under the read lock (searches go on, exact
    /// meanwhile; writes wait one step at most), then, under the write lock, replays what changed behind it and publishes.
    /// Runs on the builder's thread only.
    /// </summary>
    internal void BuildApproximateIndex(int threshold, CancellationToken cancellationToken)
    {
        ApproximateVectorIndex? built = null;
        var started = Stopwatch.GetTimestamp();
        _lock.EnterWriteLock();
        try
        {
            if (_retired || _approximate is not null || _slots.Count < threshold || _vectors.Dimensions == 0)
            {
                return;
            }

            _changedBehindBuild = [];
            _buildCursor = 0;
            built = ApproximateVectorIndex.Create(_vectors.Dimensions, _slots.Count + (_slots.Count / 4));
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        try
        {
            while (AddNextStep(built))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            _lock.EnterWriteLock();
            try
            {
                if (_retired || _changedBehindBuild is null)
                {
                    return;
                }

                // Slots written between the last step and this lock lie at or past the cursor, so no write recorded them.
                AddVectorSlots(built, _buildCursor, _highWater);

                foreach (var slot in _changedBehindBuild)
                {
                    built.Remove(slot);
                    if (_vectors.Has(slot))
                    {
                        built.Add(slot, _vectors.Get(slot));
                    }
                }

                _changedBehindBuild = null;
                _approximate = built;
                built = null;
                _builder?.Built(_approximate.Count, Stopwatch.GetElapsedTime(started));
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            built?.Dispose();
        }
    }

    private bool AddNextStep(ApproximateVectorIndex built)
    {
        _lock.EnterReadLock();
        try
        {
            if (_retired)
            {
                return false;
            }

            var end = Math.Min(_highWater, _buildCursor + BuildStep);
            AddVectorSlots(built, _buildCursor, end);

            // Written under the read lock; Put and Delete read it under the write lock, so they never overlap.
            _buildCursor = end;
            return end < _highWater;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds the vectors of slots <paramref name="from"/> up to <paramref name="to"/> to <paramref name="built"/> (under either lock).</summary>
    private void AddVectorSlots(ApproximateVectorIndex built, int from, int to)
    {
        for (var slot = from; slot < to; slot++)
        {
            if (_vectors.Has(slot))
            {
                built.Add(slot, _vectors.Get(slot));
            }
        }
    }

    /// <summary>The record as readers get it: with a copy of its vector when the vector lives in the block.</summary>
    private MemoryRecord? Materialize(int slot)
    {
        var record = _records[slot];
        return record is not null && _vectors.Has(slot) ? record with { Embedding = _vectors.Get(slot).ToArray() } : record;
    }

    /// <summary>
    /// Puts the vector of <paramref name="memory"/> in the block (and the approximate index) and returns the record to keep:
    /// without the vector when the block holds it, its repeated strings shared (<see cref="SharedStrings"/>).
    /// </summary>
    private MemoryRecord StoreVector(int slot, MemoryRecord memory, MemoryRecord? previous)
    {
        var vector = memory.Embedding;
        var unchanged = previous is not null && _vectors.Has(slot) && vector.AsSpan().SequenceEqual(_vectors.Get(slot));
        if (!unchanged)
        {
            RemoveVector(slot);
            if (_vectors.Accepts(vector.Length))
            {
                _vectors.Put(slot, vector);
                _approximate?.Add(slot, vector);
            }
        }

        RequestBuildIfDue();
        return _shared.Share(memory, _vectors.Has(slot) ? [] : memory.Embedding);
    }

    private void RemoveVector(int slot)
    {
        if (_buildCursor > slot)
        {
            _changedBehindBuild?.Add(slot);
        }

        if (!_vectors.Has(slot))
        {
            return;
        }

        _vectors.Remove(slot);
        _approximate?.Remove(slot);
        if (_approximate is not null && _builder is not null && _slots.Count < _builder.Threshold / 2)
        {
            // Well below the threshold again: exact search is as fast, and the graph's memory goes back.
            _approximate.Dispose();
            _approximate = null;
        }
    }

    private void RequestBuildIfDue()
    {
        if (_builder is not null && _approximate is null && _changedBehindBuild is null && !_retired && _slots.Count >= _builder.Threshold)
        {
            _builder.Request(this);
        }
    }
}
