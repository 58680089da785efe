using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Wraps a store's continuation token in an opaque cursor bound to the partition, so that a cursor from one user (or a
/// hand-edited one) never reaches another partition's store query. With <see cref="MemoryHttpOptions.CursorKeys"/> the
/// tag is an HMAC-SHA256 under a server secret, so a caller cannot wrap a token the store never issued either; the first
/// key signs and every listed key verifies, so a key is rotated by adding the new one second, then moving it first, then
/// dropping the old one. Without keys the tag is an unkeyed SHA-256 (integrity against edits and mix-ups, not forgery),
/// and the store refuses what it did not issue (<c>InvalidContinuationTokenException</c>). A bad cursor is a 400, never a
/// store fault.
/// </summary>
public sealed class CursorCodec
{
    private const int UnkeyedTagLength = 16;
    private const int KeyedTagLength = 32;
    private readonly byte[][] _keys;

    public CursorCodec(MemoryHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.CursorKeys.Select(Convert.FromBase64String)];
    }

    /// <summary>
    /// The scope of a tenant-wide listing's cursors (the tenant's users): the tenant with the empty user id, which no user has
    /// (<see cref="IdRules"/>), so such a cursor is never taken for a user's, nor for another tenant's.
    /// </summary>
    public static MemoryPartition ForTenant(string tenantId) => new(tenantId, string.Empty);

    public string? Encode(MemoryPartition partition, string? continuationToken) =>
        continuationToken is null
            ? null
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Tag(_keys.Length == 0 ? null : _keys[0], partition, continuationToken)}:{continuationToken}"));

    /// <summary>False for anything that does not decode, or whose tag no configured key (or, without keys, the checksum) verifies.</summary>
    public bool TryDecode(MemoryPartition partition, string cursor, out string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        continuationToken = null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        if (separator != (_keys.Length == 0 ? UnkeyedTagLength : KeyedTagLength))
        {
            return false;
        }

        var token = text[(separator + 1)..];
        var presented = Encoding.ASCII.GetBytes(text[..separator]);
        var verified = _keys.Length == 0
            ? Verifies(presented, null, partition, token)
            : _keys.Any(key => Verifies(presented, key, partition, token));
        if (!verified)
        {
            return false;
        }

        continuationToken = token;
        return true;
    }

    private static bool Verifies(byte[] presented, byte[]? key, MemoryPartition partition, string token) =>
        CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(Tag(key, partition, token)));

    private static string Tag(byte[]? key, MemoryPartition partition, string token)
    {
        var message = Encoding.UTF8.GetBytes($"{partition.TenantId}\n{partition.UserId}\n{token}");
        return key is null
            ? Convert.ToHexStringLower(SHA256.HashData(message))[..UnkeyedTagLength]
            : Convert.ToHexStringLower(HMACSHA256.HashData(key, message))[..KeyedTagLength];
    }
}
