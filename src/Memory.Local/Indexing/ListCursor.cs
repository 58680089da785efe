using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Keyset position in list order (<see cref="ListOrder"/>: createdAt descending, then ordinal descending, then id). As a
/// continuation token it is the key of the last item served, so pages stay exact while memories are added or removed
/// between calls.
/// </summary>
/// <remarks>
/// Version 1 tokens (time and id, from before the ordinal was part of the order) are refused like any token this store
/// did not issue: the position of their item among same-time turns is not in them, and resuming by guess would skip or
/// repeat turns. The caller gets 400 <c>cursor</c> and restarts the listing.
/// </remarks>
internal readonly record struct ListCursor(long CreatedAtUtcTicks, int? Ordinal, string Id)
{
    private const string Version = "2";

    public static ListCursor From(MemoryRecord memory) => new(memory.CreatedAt.UtcTicks, memory.Ordinal, memory.Id);

    /// <summary>Negative when this cursor comes before <paramref name="memory"/> in list order.</summary>
    public int CompareTo(MemoryRecord memory) =>
        ListOrder.Compare(CreatedAtUtcTicks, Ordinal, Id, memory.CreatedAt.UtcTicks, memory.Ordinal, memory.Id);

    public string Encode()
    {
        var ordinal = Ordinal?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{CreatedAtUtcTicks}|{ordinal}|{Id}")));
    }

    public static ListCursor Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|', 4);
            if (parts.Length == 4 && parts[0] == Version
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && TryParseOrdinal(parts[2], out var ordinal))
            {
                return new ListCursor(ticks, ordinal, parts[3]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the uniform error below.
        }

        throw new InvalidContinuationTokenException("The continuation token is not one this store issued; restart the listing without it.");
    }

    private static bool TryParseOrdinal(string text, out int? ordinal)
    {
        ordinal = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            ordinal = value;
            return true;
        }

        return false;
    }
}
