using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// How a key is stored in settings: <c>sha256:&lt;64 lowercase hex&gt;</c> of its UTF-8 bytes, never the key itself. An
/// unsalted hash suffices because keys are random (<see cref="NewKey"/>: 256 bits), not passwords a dictionary can guess.
/// </summary>
public static class ApiKeyHashes
{
    public const string Prefix = "sha256:";

    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexStringLower(Digest(key));
    }

    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryParse(string? hash, [NotNullWhen(true)] out byte[]? digest)
    {
        digest = null;
        if (hash is null || !hash.StartsWith(Prefix, StringComparison.Ordinal) || hash.Length != Prefix.Length + 64)
        {
            return false;
        }

        var hex = hash.AsSpan(Prefix.Length);
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        digest = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>A fresh key: 32 random bytes, base64url, prefixed so a leaked one is recognisable in a secret scanner.</summary>
    public static string NewKey() =>
        "mfk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
