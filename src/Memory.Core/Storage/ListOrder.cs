using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// The one list order of every store (list, export, MCP <c>list_memories</c>): newest first by when recorded, then by id.
/// The turns of one request are recorded one tick apart in their posted order (<see cref="TurnContext.RecordedAt"/>),
/// so they come out last posted first, and reading a list backwards replays the conversation as posted.
/// </summary>
public static class ListOrder
{
    public static IComparer<MemoryRecord> Comparer { get; } = Comparer<MemoryRecord>.Create(Compare);

    /// <summary>Negative when <paramref name="a"/> comes first in list order.</summary>
    public static int Compare(MemoryRecord a, MemoryRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.CreatedAt.UtcTicks, a.Id, b.CreatedAt.UtcTicks, b.Id);
    }

    /// <summary>The same order on the keys alone (a store's cursor holds the keys of the last item it served).</summary>
    public static int Compare(long ticksA, string idA, long ticksB, string idB)
    {
        var byTime = ticksB.CompareTo(ticksA);
        return byTime != 0 ? byTime : string.CompareOrdinal(idA, idB);
    }
}
