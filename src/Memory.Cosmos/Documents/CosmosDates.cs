using System.Globalization;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// Dates are stored as fixed-width ISO-8601 UTC strings (7 fractional digits, 'Z'), so that string comparison in SQL
/// (range filters, ORDER BY createdAt) is exactly time order.
/// </summary>
internal static class CosmosDates
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? value) => value is { } v ? ToText(v) : null;

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOptional(string? value) => value is null ? null : Parse(value);

    /// <summary>
    /// Seconds until <paramref name="expiresAt"/>, at least 1, so Cosmos purges the document itself (no RU spent by us).
    /// Null when the memory does not expire. A date already past still gets 1: the document disappears a second later.
    /// </summary>
    public static int? TimeToLiveSeconds(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is not { } expiry)
        {
            return null;
        }

        var seconds = Math.Ceiling((expiry - now).TotalSeconds);
        return (int)Math.Clamp(seconds, 1, int.MaxValue);
    }
}
