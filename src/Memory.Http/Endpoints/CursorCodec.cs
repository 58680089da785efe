using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Wraps a store's continuation token in an opaque cursor bound to the partition. The checksum keeps a cursor from one
/// user (or a hand-edited one) from reaching another partition's store query; a bad cursor is a 400, not a store fault.
/// </summary>
public static class CursorCodec
{
    private const int ChecksumLength = 16;

    public static string? Encode(MemoryPartition partition, string? continuationToken) =>
        continuationToken is null
            ? null
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Checksum(partition, continuationToken)}:{continuationToken}"));

    public static bool TryDecode(MemoryPartition partition, string cursor, out string? continuationToken)
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
        if (separator != ChecksumLength)
        {
            return false;
        }

        var token = text[(separator + 1)..];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(text[..separator]), Encoding.ASCII.GetBytes(Checksum(partition, token))))
        {
            return false;
        }

        continuationToken = token;
        return true;
    }

    private static string Checksum(MemoryPartition partition, string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{partition.TenantId}\n{partition.UserId}\n{token}")))[..ChecksumLength];
}
