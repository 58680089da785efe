using System.Runtime.InteropServices;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// A partition's unit vectors, one after another in chunks of <see cref="ChunkSlots"/> slots, so a scan reads contiguous
/// memory instead of one array per record. Each chunk grows by a quarter at a time (a partition of a hundred
/// memories wastes little; allocating later chunks whole doubled a partition's vector memory just past 1,024). All vectors share one dimension, the first one stored;
/// the partition keeps a vector of any other length on its record instead.
/// </summary>
internal sealed class VectorBlock
{
    public const int ChunkShift = 10;
    public const int ChunkSlots = 1 << ChunkShift;

    private readonly List<float[]> _chunks = [];
    private ulong[] _present = [];

    /// <summary>Length of every vector in the block; 0 until the first is stored.</summary>
    public int Dimensions { get; private set; }

    /// <summary>Whether <paramref name="length"/>-long vectors belong here (the block's dimension, or the first vector).</summary>
    public bool Accepts(int length) => length > 0 && (Dimensions == 0 || Dimensions == length);

    public bool Has(int slot) => (uint)(slot >> 6) < (uint)_present.Length && (_present[slot >> 6] & (1UL << slot)) != 0;

    public void Put(int slot, ReadOnlySpan<float> vector)
    {
        if (Dimensions == 0)
        {
            Dimensions = vector.Length;
        }

        EnsureCapacity(slot);
        vector.CopyTo(Span(slot));
        _present[slot >> 6] |= 1UL << slot;
    }

    public void Remove(int slot)
    {
        if (Has(slot))
        {
            _present[slot >> 6] &= ~(1UL << slot);
        }
    }

    public ReadOnlySpan<float> Get(int slot) => Span(slot);

    /// <summary>Chunk number <paramref name="chunk"/>: slot s is at (s mod <see cref="ChunkSlots"/>) × <see cref="Dimensions"/> in chunk s / <see cref="ChunkSlots"/>.</summary>
    public float[] Chunk(int chunk) => _chunks[chunk];

    /// <summary>Which of the 64 slots from 64 × <paramref name="word"/> have a vector here, one bit each (scans AND it with the filter's).</summary>
    public ulong PresentWord(int word) => word < _present.Length ? _present[word] : 0;

    private Span<float> Span(int slot) => _chunks[slot >> ChunkShift].AsSpan((slot & (ChunkSlots - 1)) * Dimensions, Dimensions);

    private void EnsureCapacity(int slot)
    {
        var chunk = slot >> ChunkShift;
        while (_chunks.Count <= chunk)
        {
            // Chunks before the last are always full size, so the slot arithmetic above holds.
            if (_chunks.Count > 0 && _chunks[^1].Length < ChunkSlots * Dimensions)
            {
                Array.Resize(ref CollectionsMarshal.AsSpan(_chunks)[^1], ChunkSlots * Dimensions);
            }

            _chunks.Add(new float[Math.Min(16, ChunkSlots) * Dimensions]);
        }

        ref var last = ref CollectionsMarshal.AsSpan(_chunks)[chunk];
        var needed = ((slot & (ChunkSlots - 1)) + 1) * Dimensions;
        if (last.Length < needed)
        {
            var grown = Math.Max(needed, last.Length + (last.Length / 4));
            grown = Math.Min(ChunkSlots * Dimensions, ((grown / Dimensions) + 15) / 16 * 16 * Dimensions);
            Array.Resize(ref last, grown);
        }

        var words = (slot >> 6) + 1;
        if (_present.Length < words)
        {
            Array.Resize(ref _present, Math.Max(words, _present.Length * 2));
        }
    }
}
