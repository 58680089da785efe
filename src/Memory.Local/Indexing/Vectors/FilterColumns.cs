using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// The fields nearly every search filters on (kind, event time, expiry, creation time), one array per field indexed by
/// slot, so a search works out its <see cref="SlotBitmap"/> in one tight pass instead of calling
/// <see cref="MemoryFilter.Matches"/> per record. Filters on agent, session, tags or metadata are rarer: the records the
/// columns let through are then checked by <see cref="MemoryFilter.Matches"/> itself, so the result is always exactly
/// what that rule says.
/// </summary>
internal sealed class FilterColumns
{
    private const byte Absent = 0;

    private byte[] _kinds = new byte[16];
    private long[] _validFrom = new long[16];
    private long[] _validTo = new long[16];
    private long[] _expires = new long[16];
    private long[] _created = new long[16];

    public void Set(int slot, MemoryRecord memory)
    {
        EnsureCapacity(slot + 1);
        _kinds[slot] = (byte)(KindCode(memory.Kind) + 1);
        _validFrom[slot] = memory.ValidFrom.UtcTicks;
        _validTo[slot] = memory.ValidTo?.UtcTicks ?? long.MaxValue;
        _expires[slot] = memory.ExpiresAt?.UtcTicks ?? long.MaxValue;
        _created[slot] = memory.CreatedAt.UtcTicks;
    }

    public void Clear(int slot) => _kinds[slot] = Absent;

    /// <summary>The slots below <paramref name="slots"/> that hold a memory <paramref name="filter"/> matches.</summary>
    public SlotBitmap Evaluate(MemoryFilter filter, int slots, MemoryRecord?[] records)
    {
        var bitmap = new SlotBitmap(slots);
        Span<bool> kindAllowed = stackalloc bool[256];
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            foreach (var kind in kinds)
            {
                kindAllowed[KindCode(kind) + 1] = true;
            }
        }
        else
        {
            kindAllowed.Fill(true);
        }

        kindAllowed[Absent] = false;
        var at = filter.At.UtcTicks;
        var endedBy = filter.IncludeSuperseded ? long.MinValue : at;
        var createdFrom = filter.CreatedFrom?.UtcTicks ?? long.MinValue;
        var createdTo = filter.CreatedTo?.UtcTicks ?? long.MaxValue;
        var refine = filter.AgentId is not null || filter.SessionId is not null || filter.Tags is not null || filter.Metadata is not null;
        for (var slot = 0; slot < slots; slot++)
        {
            if (kindAllowed[_kinds[slot]]
                && _validFrom[slot] <= at
                && _validTo[slot] > endedBy
                && _expires[slot] > at
                && _created[slot] >= createdFrom
                && _created[slot] < createdTo
                && (!refine || filter.Matches(records[slot]!)))
            {
                bitmap.Set(slot);
            }
        }

        bitmap.CountBits();
        return bitmap;
    }

    /// <summary>
    /// How many of the slots below <paramref name="slots"/> hold a memory that is neither superseded nor expired at
    /// <paramref name="at"/> (<see cref="MemoryRecord.IsHeldAt"/>): the memories a tenant's quota counts.
    /// </summary>
    public int CountHeld(int slots, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var held = 0;
        for (var slot = 0; slot < slots; slot++)
        {
            if (_kinds[slot] != Absent && _validTo[slot] > ticks && _expires[slot] > ticks)
            {
                held++;
            }
        }

        return held;
    }

    /// <summary>A kind's column code: its enum value (Core's kinds are a small enum; a value past a byte would be a new design).</summary>
    private static int KindCode(MemoryKind kind) => (int)kind is >= 0 and < 255 ? (int)kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Memory kinds must fit the filter column.");

    private void EnsureCapacity(int slots)
    {
        if (_kinds.Length >= slots)
        {
            return;
        }

        var length = Math.Max(slots, _kinds.Length * 2);
        Array.Resize(ref _kinds, length);
        Array.Resize(ref _validFrom, length);
        Array.Resize(ref _validTo, length);
        Array.Resize(ref _expires, length);
        Array.Resize(ref _created, length);
    }
}
