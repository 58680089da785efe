using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// One bit per slot: which memories a search's filter lets through. Worked out once per search (see
/// <see cref="FilterColumns"/>), then read by the vector scan, the lexical channel and, through a native callback, the
/// approximate index. The words are rented; <see cref="Dispose"/> returns them.
/// </summary>
internal sealed class SlotBitmap : IDisposable
{
    private ulong[]? _words;

    public SlotBitmap(int slots)
    {
        Slots = slots;
        var length = Math.Max(1, (slots + 63) >> 6);
        _words = ArrayPool<ulong>.Shared.Rent(length);
        Array.Clear(_words, 0, length);
    }

    public int Slots { get; }

    /// <summary>How many bits are set (counted once, after the bitmap is filled).</summary>
    public int Count { get; private set; }

    public ulong[] Words => _words ?? throw new ObjectDisposedException(nameof(SlotBitmap));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSet(int slot) => (uint)slot < (uint)Slots && (Words[slot >> 6] & (1UL << slot)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int slot) => Words[slot >> 6] |= 1UL << slot;

    public void CountBits()
    {
        var count = 0;
        var words = Words;
        for (var i = 0; i < (Slots + 63) >> 6; i++)
        {
            count += BitOperations.PopCount(words[i]);
        }

        Count = count;
    }

    public void Dispose()
    {
        if (_words is { } words)
        {
            _words = null;
            ArrayPool<ulong>.Shared.Return(words);
        }
    }

    /// <summary>The approximate index's filter: the state is the pinned words, the key a slot below <see cref="Slots"/>.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe int IsSetCallback(ulong key, void* state) => (int)((((ulong*)state)[key >> 6] >> (int)(key & 63)) & 1);
}
