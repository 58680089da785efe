using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// The one list order of every store (list, export, MCP <c>list_memories</c>): newest first by when recorded, then by
/// posted position, later first (a request's turns share their recorded time; without this they fell to id order,
/// which is a content hash), then by id. A memory without an ordinal comes after those with one at the same time, as
/// Cosmos DB sorts an absent property lowest and the order is descending. Reading a list backwards replays the
/// conversation in the order it was posted.
/// </summary>
public static class ListOrder
{
    public static IComparer<MemoryRecord> Comparer { get; } = Comparer<MemoryRecord>.Create(Compare);

    /// <summary>Negative when <paramref name="a"/> comes first in list order.</summary>
    public static int Compare(MemoryRecord a, MemoryRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.CreatedAt.UtcTicks, a.Ordinal, a.Id, b.CreatedAt.UtcTicks, b.Ordinal, b.Id);
    }

    /// <summary>The same order on the keys alone (a store's cursor holds the keys of the last item it served).</summary>
    public static int Compare(long ticksA, int? ordinalA, string idA, long ticksB, int? ordinalB, string idB)
    {
        var byTime = ticksB.CompareTo(ticksA);
        if (byTime != 0)
        {
            return byTime;
        }

        // Descending, an absent ordinal lowest: (b ?? -1) against (a ?? -1); ordinals are never negative.
        var byPosition = (ordinalB ?? -1).CompareTo(ordinalA ?? -1);
        return byPosition != 0 ? byPosition : string.CompareOrdinal(idA, idB);
    }
}
