using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// One bit per slot: which memories a search's filter lets through. Worked out by <see cref="FilterColumns"/> (and kept
/// there for the searches that follow), then read by the vector scan, the lexical channel and, through a native
/// callback, the approximate index. Readers never change it; only the partition's writer does, under its write lock.
/// </summary>
internal sealed class SlotBitmap
{
    public SlotBitmap(int slots)
    {
        Slots = slots;
        Words = new ulong[Math.Max(1, (slots + 63) >> 6)];
    }

    /// <summary>How many slots the bitmap can hold (bits past the partition's last slot are clear).</summary>
    public int Slots { get; }

    /// <summary>How many bits are set.</summary>
    public int Count { get; private set; }

    public ulong[] Words { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSet(int slot) => (uint)slot < (uint)Slots && (Words[slot >> 6] & (1UL << slot)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int slot)
    {
        if (!IsSet(slot))
        {
            Words[slot >> 6] |= 1UL << slot;
            Count++;
        }
    }

    public void Clear(int slot)
    {
        if (IsSet(slot))
        {
            Words[slot >> 6] &= ~(1UL << slot);
            Count--;
        }
    }

    /// <summary>The approximate index's filter: the state is the pinned words, the key a slot below <see cref="Slots"/>.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe int IsSetCallback(ulong key, void* state) => (int)((((ulong*)state)[key >> 6] >> (int)(key & 63)) & 1);
}
