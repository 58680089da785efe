using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// The fields nearly every search filters on (kind, event time, expiry, creation time), one array per field indexed by
/// slot, so a search works out its <see cref="SlotBitmap"/> in one tight pass instead of calling
/// <see cref="MemoryFilter.Matches"/> per record. Filters on agent, session, tags or metadata are rarer: the records the
/// columns let through are then checked by <see cref="MemoryFilter.Matches"/> itself, so the result is always exactly
/// what that rule says.
/// Searches mostly repeat one filter at a later time ("searchable kinds, visible now"), so the last bitmap of a filter
/// the columns decide alone is kept, with the first moment a memory's validity or expiry starts or ends after it was
/// worked out: until then it holds at any later time, and writes update it (<see cref="Refresh"/>). At 100k memories the
/// pass reads 3 MB of columns, a fifth of a store search's CPU.
/// Not thread-safe for writes: the partition's write lock orders them after every search in progress.
/// </summary>
internal sealed class FilterColumns
{
    private const byte Absent = 0;

    private byte[] _kinds = new byte[16];
    private long[] _validFrom = new long[16];
    private long[] _validTo = new long[16];
    private long[] _expires = new long[16];
    private long[] _created = new long[16];
    private Kept? _kept;

    public void Set(int slot, MemoryRecord memory)
    {
        EnsureCapacity(slot + 1);
        _kinds[slot] = (byte)(KindCode(memory.Kind) + 1);
        _validFrom[slot] = memory.ValidFrom.UtcTicks;
        _validTo[slot] = memory.ValidTo?.UtcTicks ?? long.MaxValue;
        _expires[slot] = memory.ExpiresAt?.UtcTicks ?? long.MaxValue;
        _created[slot] = memory.CreatedAt.UtcTicks;
        Refresh(slot);
    }

    public void Clear(int slot)
    {
        _kinds[slot] = Absent;
        Refresh(slot);
    }

    /// <summary>
    /// The slots below <paramref name="slots"/> that hold a memory <paramref name="filter"/> matches. It may be the
    /// bitmap kept from an earlier search: callers read it and never change it.
    /// </summary>
    public SlotBitmap Evaluate(MemoryFilter filter, int slots, MemoryRecord?[] records)
    {
        var shape = Shape.Of(filter);
        var at = filter.At.UtcTicks;
        if (shape is null)
        {
            return Fill(new SlotBitmap(slots), filter, records, out _);
        }

        if (Volatile.Read(ref _kept) is { } kept && kept.Shape == shape && kept.At <= at && at < kept.Until && kept.Bits.Slots >= slots)
        {
            return kept.Bits;
        }

        // Room up to the columns' capacity, so that new slots are added to the kept bitmap instead of dropping it.
        var bitmap = Fill(new SlotBitmap(Math.Max(slots, _kinds.Length)), filter, records, out var until);
        Volatile.Write(ref _kept, new Kept(shape.Value, at, bitmap) { Until = until });
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

    /// <summary>
    /// Sets the bits of the slots the filter lets through at its time, and says until when that holds: the first validity
    /// start, end or expiry after it among the slots of the kinds and creation times it lets through.
    /// </summary>
    private SlotBitmap Fill(SlotBitmap bitmap, MemoryFilter filter, MemoryRecord?[] records, out long until)
    {
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
        var createdFrom = filter.CreatedFrom?.UtcTicks ?? long.MinValue;
        var createdTo = filter.CreatedTo?.UtcTicks ?? long.MaxValue;
        var refine = filter.AgentId is not null || filter.SessionId is not null || filter.Tags is not null || filter.Metadata is not null;
        until = long.MaxValue;
        for (var slot = 0; slot < _kinds.Length && slot < bitmap.Slots; slot++)
        {
            if (!kindAllowed[_kinds[slot]] || _created[slot] < createdFrom || _created[slot] >= createdTo)
            {
                continue;
            }

            until = Math.Min(until, NextChange(slot, at, filter.IncludeSuperseded));
            if (IsVisible(slot, at, filter.IncludeSuperseded) && (!refine || filter.Matches(records[slot]!)))
            {
                bitmap.Set(slot);
            }
        }

        return bitmap;
    }

    /// <summary>Brings the kept bitmap up to date with a write to <paramref name="slot"/> (or drops it when it has no room).</summary>
    private void Refresh(int slot)
    {
        if (_kept is not { } kept)
        {
            return;
        }

        if (slot >= kept.Bits.Slots)
        {
            _kept = null;
            return;
        }

        var (at, shape) = (kept.At, kept.Shape);
        var code = _kinds[slot];
        if (code == Absent || (shape.Kinds & (1UL << code)) == 0 || _created[slot] < shape.CreatedFrom || _created[slot] >= shape.CreatedTo)
        {
            kept.Bits.Clear(slot);
            return;
        }

        kept.Until = Math.Min(kept.Until, NextChange(slot, at, shape.IncludeSuperseded));
        if (IsVisible(slot, at, shape.IncludeSuperseded))
        {
            kept.Bits.Set(slot);
        }
        else
        {
            kept.Bits.Clear(slot);
        }
    }

    /// <summary>Valid (or superseded, when those are included) and not expired at <paramref name="at"/>.</summary>
    private bool IsVisible(int slot, long at, bool includeSuperseded) =>
        _validFrom[slot] <= at && (includeSuperseded || _validTo[slot] > at) && _expires[slot] > at;

    /// <summary>The first moment after <paramref name="at"/> at which <see cref="IsVisible"/> of the slot changes, if ever.</summary>
    private long NextChange(int slot, long at, bool includeSuperseded)
    {
        var next = long.MaxValue;
        foreach (var moment in (ReadOnlySpan<long>)[_validFrom[slot], includeSuperseded ? long.MaxValue : _validTo[slot], _expires[slot]])
        {
            next = moment > at ? Math.Min(next, moment) : next;
        }

        return next;
    }

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

    /// <summary>
    /// What a filter asks of the columns, apart from its time; null when it also asks what only the record can answer
    /// (agent, session, tags, metadata), or names a kind past the mask.
    /// </summary>
    private readonly record struct Shape(ulong Kinds, bool IncludeSuperseded, long CreatedFrom, long CreatedTo)
    {
        public static Shape? Of(MemoryFilter filter)
        {
            if (filter.AgentId is not null || filter.SessionId is not null || filter.Tags is not null || filter.Metadata is not null)
            {
                return null;
            }

            var mask = 0UL;
            foreach (var kind in filter.Kinds is { Count: > 0 } kinds ? kinds : Enum.GetValues<MemoryKind>())
            {
                var code = KindCode(kind) + 1;
                if (code >= 64)
                {
                    return null;
                }

                mask |= 1UL << code;
            }

            return new Shape(mask, filter.IncludeSuperseded, filter.CreatedFrom?.UtcTicks ?? long.MinValue, filter.CreatedTo?.UtcTicks ?? long.MaxValue);
        }
    }

    /// <summary>A filter's bitmap at <see cref="At"/>, true until <see cref="Until"/> (exclusive) unless a write changes it.</summary>
    private sealed class Kept(Shape shape, long at, SlotBitmap bits)
    {
        public Shape Shape { get; } = shape;

        public long At { get; } = at;

        public SlotBitmap Bits { get; } = bits;

        public long Until { get; set; }
    }
}
