namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// The best <c>k</c> (score, slot) pairs seen: a binary min-heap in two arrays whose top is the worst kept, so a scan
/// compares each score with one number. Ties prefer the lower slot, as the exact scan always has.
/// </summary>
internal sealed class TopSlots
{
    private readonly float[] _scores;
    private readonly int[] _slots;

    public TopSlots(int capacity)
    {
        _scores = new float[Math.Max(1, capacity)];
        _slots = new int[Math.Max(1, capacity)];
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>The worst score kept; a candidate must beat it once the heap is full.</summary>
    public float Worst => _scores[0];

    public void Offer(float score, int slot)
    {
        if (Capacity == 0)
        {
            return;
        }

        if (Count < Capacity)
        {
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!IsWorse(score, slot, _scores[parent], _slots[parent]))
                {
                    break;
                }

                _scores[i] = _scores[parent];
                _slots[i] = _slots[parent];
                i = parent;
            }

            _scores[i] = score;
            _slots[i] = slot;
        }
        else if (IsWorse(_scores[0], _slots[0], score, slot))
        {
            SiftDown(score, slot);
        }
    }

    public void Merge(TopSlots other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Offer(other._scores[i], other._slots[i]);
        }
    }

    /// <summary>Best first.</summary>
    public List<(int Slot, float Score)> Sorted()
    {
        var sorted = new List<(int Slot, float Score)>(Count);
        for (var i = 0; i < Count; i++)
        {
            sorted.Add((_slots[i], _scores[i]));
        }

        sorted.Sort((a, b) => IsWorse(a.Score, a.Slot, b.Score, b.Slot) ? 1 : IsWorse(b.Score, b.Slot, a.Score, a.Slot) ? -1 : 0);
        return sorted;
    }

    private static bool IsWorse(float score, int slot, float otherScore, int otherSlot) =>
        score < otherScore || (score == otherScore && slot > otherSlot);

    private void SiftDown(float score, int slot)
    {
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && IsWorse(_scores[child + 1], _slots[child + 1], _scores[child], _slots[child]))
            {
                child++;
            }

            if (!IsWorse(_scores[child], _slots[child], score, slot))
            {
                break;
            }

            _scores[i] = _scores[child];
            _slots[i] = _slots[child];
            i = child;
        }

        _scores[i] = score;
        _slots[i] = slot;
    }
}
