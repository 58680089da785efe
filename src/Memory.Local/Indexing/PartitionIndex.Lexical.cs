using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// The lexical index of a partition loaded at start-up is built after the store opens, not while it loads: tokenising
/// every text is most of what recovery would otherwise spend before the store serves, and only search reads it. Until it
/// is built, writes leave it alone (the build reads every record as it is then), and a search first waits for it or
/// builds it itself (<see cref="EnsureLexicalIndex()"/>), so no search is answered from a partial index.
/// </summary>
internal sealed partial class PartitionIndex
{
    /// <summary>Records added to the lexical index being built per hold of the read lock: writers wait milliseconds at most.</summary>
    private const int LexicalBuildStep = 256;

    /// <summary>One build at a time: the background builder's, or the first search's that found the index missing.</summary>
    private readonly Lock _lexicalBuildGate = new();
    private volatile bool _lexicalBuilt;

    // While a build runs: the record the build already indexed for each slot changed behind its cursor (null: the slot was
    // empty when the build passed it), replayed when it publishes, and how far it got.
    private Dictionary<int, MemoryRecord?>? _lexicalChangedBehind;
    private int _lexicalCursor;

    /// <summary>Whether searches of this partition have their lexical index (the engine's background pass skips those that do).</summary>
    public bool HasLexicalIndex => _lexicalBuilt;

    /// <summary>
    /// Builds the lexical index if the partition was loaded without it, in steps under the read lock (reads and the other
    /// channel go on; a write waits one step at most), then replays what writes changed behind the build and publishes it
    /// under the write lock. A caller that finds another build running waits for it. Cheap once built.
    /// </summary>
    public void EnsureLexicalIndex() => EnsureLexicalIndex(afterStep: null);

    /// <summary><see cref="EnsureLexicalIndex()"/>, calling <paramref name="afterStep"/> between steps, outside the lock (tests write there).</summary>
    internal void EnsureLexicalIndex(Action? afterStep)
    {
        if (_lexicalBuilt)
        {
            return;
        }

        lock (_lexicalBuildGate)
        {
            if (_lexicalBuilt)
            {
                return;
            }

            var built = new LexicalIndex();
            var changedBehind = new Dictionary<int, MemoryRecord?>();
            _lock.EnterWriteLock();
            try
            {
                _lexicalChangedBehind = changedBehind;
                _lexicalCursor = 0;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            try
            {
                bool more;
                do
                {
                    more = AddNextLexicalStep(built);
                    afterStep?.Invoke();
                }
                while (more);
            }
            catch
            {
                // Stop recording changes (and holding the records they replaced) for a build that will not publish.
                _lock.EnterWriteLock();
                _lexicalChangedBehind = null;
                _lock.ExitWriteLock();
                throw;
            }

            _lock.EnterWriteLock();
            try
            {
                if (_retired)
                {
                    // Erased meanwhile: nothing will search it, and its records go with it.
                    _lexicalChangedBehind = null;
                    return;
                }

                // Slots written between the last step and this lock lie at or past the cursor, so no write recorded them.
                AddLexicalSlots(built, _lexicalCursor, _highWater);

                foreach (var (slot, indexed) in changedBehind)
                {
                    if (indexed is not null)
                    {
                        built.Remove(slot, indexed);
                    }

                    if (_records[slot] is { } current)
                    {
                        built.Add(slot, current);
                    }
                }

                _lexicalChangedBehind = null;
                _lexical = built;
                _lexicalBuilt = true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

    private bool AddNextLexicalStep(LexicalIndex built)
    {
        _lock.EnterReadLock();
        try
        {
            if (_retired)
            {
                return false;
            }

            var end = Math.Min(_highWater, _lexicalCursor + LexicalBuildStep);
            AddLexicalSlots(built, _lexicalCursor, end);

            // Written under the read lock; writes read it under the write lock, so they never overlap.
            _lexicalCursor = end;
            return end < _highWater;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds the records of slots <paramref name="from"/> up to <paramref name="to"/> to <paramref name="built"/> (under either lock).</summary>
    private void AddLexicalSlots(LexicalIndex built, int from, int to)
    {
        for (var slot = from; slot < to; slot++)
        {
            if (_records[slot] is { } record)
            {
                built.Add(slot, record);
            }
        }
    }

    /// <summary>
    /// Keeps the lexical index in step with a write of <paramref name="slot"/> (under the write lock): <paramref name="before"/>
    /// is the record the slot held, <paramref name="after"/> what it holds now (null for either: empty).
    /// </summary>
    private void IndexLexically(int slot, MemoryRecord? before, MemoryRecord? after)
    {
        if (_lexicalBuilt)
        {
            if (before is not null)
            {
                _lexical.Remove(slot, before);
            }

            if (after is not null)
            {
                _lexical.Add(slot, after);
            }

            return;
        }

        // A build that already passed the slot indexed what it held then: the first change after that is what it replays.
        if (_lexicalChangedBehind is not null && slot < _lexicalCursor)
        {
            _lexicalChangedBehind.TryAdd(slot, before);
        }
    }
}
