using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Client;

/// <summary>
/// Checks a completion callback's <c>Memory-Signature</c> header (<c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>
/// of <c>&lt;t&gt;.&lt;raw body&gt;</c>, keyed with the server's <c>Memory:Callbacks:Secret</c>): in constant time, and
/// only within <c>tolerance</c> of now, so a captured delivery cannot be replayed later. Pass the body exactly as received
/// (the bytes as UTF-8 text, before any JSON parsing).
/// </summary>
public static class CompletionCallbackSignature
{
    public const string Header = "Memory-Signature";

    /// <summary>The same for every attempt of one delivery: keep the ones seen to drop repeats.</summary>
    public const string DeliveryHeader = "Memory-Delivery";

    public static bool Verify(string secret, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        string? seconds = null;
        var signatures = new List<string>();
        foreach (var part in (signatureHeader ?? string.Empty).Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0] == "t")
            {
                seconds = pair[1];
            }
            else if (pair.Length == 2 && pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }

        if (seconds is null || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix < DateTimeOffset.MinValue.ToUnixTimeSeconds() || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > tolerance)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(seconds + "." + body));
        return signatures.Any(signature => IsHex(signature) && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature)));
    }

    private static bool IsHex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
