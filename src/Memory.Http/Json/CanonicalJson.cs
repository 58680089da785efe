using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MemoryFunctions.Http.Json;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of their names, no white
/// space, strings with the minimal escapes, numbers as ECMAScript writes doubles. Two bodies that mean the same JSON
/// (members reordered, other white space or escapes, <c>1.0</c> for <c>1</c>) canonicalise to the same bytes.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The version prefix of <see cref="Fingerprint"/>: fingerprints stored by an earlier rule have none.</summary>
    public const string FingerprintVersion = "jcs1:";

    /// <summary>The idempotency fingerprint of a request: <see cref="FingerprintVersion"/> and the SHA-256 of its canonical form.</summary>
    public static string Fingerprint(JsonElement element) =>
        FingerprintVersion + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Write(element))));

    public static string Write(JsonElement element)
    {
        var text = new StringBuilder();
        Append(text, element);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var member in element.EnumerateObject().OrderBy(member => member.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    AppendString(text, member.Name);
                    text.Append(':');
                    Append(text, member.Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(index++ == 0 ? string.Empty : ",");
                    Append(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(text, element.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(Number(element.GetDouble()));
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    /// <summary>RFC 8785 §3.2.2.2: only '"', '\' and controls are escaped; controls as \b \t \n \f \r or \u00xx.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }

    /// <summary>RFC 8785 §3.2.2.3: ECMAScript's Number.prototype.toString over the shortest round-trip digits.</summary>
    internal static string Number(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        // "E" format with the shortest round-trip digits: d.dddE+xxx.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var n = exponent + 1;
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            result = mantissa + "e" + (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }

    /// <summary>The significant digits (no leading or trailing zeros) and the decimal exponent of the first one.</summary>
    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? string.Empty : mantissa[(point + 1)..];
        var all = integerPart + fraction;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, exponent + integerPart.Length - 1 - leading);
    }
}
