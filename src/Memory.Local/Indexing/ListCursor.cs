using System.Buffers.Text;
using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Keyset position in list order (<see cref="ListOrder"/>: createdAt descending, then id ascending). As a continuation
/// token it is the key of the last item served, so pages stay exact while memories are added or removed between calls.
/// </summary>
internal readonly record struct ListCursor(long CreatedAtUtcTicks, string Id)
{
    private const string Version = "1";

    public static ListCursor From(MemoryRecord memory) => new(memory.CreatedAt.UtcTicks, memory.Id);

    /// <summary>Negative when this cursor comes before <paramref name="memory"/> in list order.</summary>
    public int CompareTo(MemoryRecord memory) => ListOrder.Compare(CreatedAtUtcTicks, Id, memory.CreatedAt.UtcTicks, memory.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{CreatedAtUtcTicks}|{Id}")));

    public static ListCursor Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|', 3);
            if (parts.Length == 3 && parts[0] == Version && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return new ListCursor(ticks, parts[2]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the uniform error below.
        }

        throw new InvalidContinuationTokenException("The continuation token is not one this store issued; restart the listing without it.");
    }
}
