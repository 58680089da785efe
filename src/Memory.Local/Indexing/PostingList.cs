namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// One term's postings in ascending slot order (slot and weighted frequency side by side, 8 bytes a posting), so a
/// search can skip ahead in it (<see cref="Seek"/>) instead of reading it all, plus what bounds any one posting's BM25
/// contribution: the largest frequency and the shortest text it has held. The bounds are only ever loosened (a removal
/// leaves them), which keeps them true.
/// </summary>
internal sealed class PostingList
{
    private int[] _slots = new int[1];
    private float[] _frequencies = new float[1];

    public int Count { get; private set; }

    public float MaxFrequency { get; private set; }

    public float MinLength { get; private set; } = float.MaxValue;

    public int Slot(int position) => _slots[position];

    public float Frequency(int position) => _frequencies[position];

    /// <summary>Adds or replaces the posting of <paramref name="slot"/>; a text of <paramref name="length"/> holds it.</summary>
    public void Add(int slot, float frequency, float length)
    {
        MaxFrequency = Math.Max(MaxFrequency, frequency);
        MinLength = Math.Min(MinLength, length);

        // Slots are mostly handed out in rising order, so the common case appends; a reused slot is inserted in place.
        var position = Count == 0 || _slots[Count - 1] < slot ? Count : Array.BinarySearch(_slots, 0, Count, slot);
        if (position >= 0 && position < Count)
        {
            _frequencies[position] = frequency;
            return;
        }

        position = position < 0 ? ~position : position;
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, Count * 2);
            Array.Resize(ref _frequencies, Count * 2);
        }

        Array.Copy(_slots, position, _slots, position + 1, Count - position);
        Array.Copy(_frequencies, position, _frequencies, position + 1, Count - position);
        _slots[position] = slot;
        _frequencies[position] = frequency;
        Count++;
    }

    public void Remove(int slot)
    {
        var position = Array.BinarySearch(_slots, 0, Count, slot);
        if (position < 0)
        {
            return;
        }

        Count--;
        Array.Copy(_slots, position + 1, _slots, position, Count - position);
        Array.Copy(_frequencies, position + 1, _frequencies, position, Count - position);
    }

    /// <summary>A copy holding only the postings <paramref name="keep"/> accepts (same bounds).</summary>
    public PostingList Where(Func<int, bool> keep)
    {
        var kept = new PostingList();
        for (var position = 0; position < Count; position++)
        {
            if (keep(_slots[position]))
            {
                kept.Add(_slots[position], _frequencies[position], MinLength);
            }
        }

        kept.MaxFrequency = MaxFrequency;
        return kept;
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> whose slot is at least <paramref name="target"/>
    /// (<see cref="Count"/> when none): galloping, then a binary search, so a long list is crossed in a few steps.
    /// </summary>
    public int Seek(int from, int target)
    {
        if (from >= Count || _slots[from] >= target)
        {
            return from;
        }

        var step = 1;
        var low = from;
        var high = from + 1;
        while (high < Count && _slots[high] < target)
        {
            low = high;
            step <<= 1;
            high = from + step;
        }

        var found = Array.BinarySearch(_slots, low + 1, Math.Min(high, Count) - low - 1, target);
        return found >= 0 ? found : ~found;
    }
}
