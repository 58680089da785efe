using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// The <c>Memory-Signature</c> header of a completion callback, in the style of Stripe's: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where the hex is HMAC-SHA256, keyed with <c>Memory:Callbacks:Secret</c> (UTF-8), of <c>&lt;t&gt;.&lt;body&gt;</c>. The
/// timestamp inside the signed text lets a receiver refuse replays of an old delivery. The .NET client's
/// <c>CompletionCallbackSignature.Verify</c> checks it.
/// </summary>
public static class CallbackSignature
{
    public const string Header = "Memory-Signature";

    /// <summary>The same for every attempt of one delivery: a receiver can drop repeats.</summary>
    public const string DeliveryHeader = "Memory-Delivery";

    public static string Create(string secret, DateTimeOffset timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(seconds + "." + body));
        return $"t={seconds},v1={Convert.ToHexStringLower(mac)}";
    }
}
