using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>
/// Where a logical partition sits on the hash ring: the effective partition key (EPK) of a MultiHash (hierarchical, version 2)
/// key, which the service compares with the <c>x-ms-start-epk</c> / <c>x-ms-end-epk</c> range of a prefix-key query. Each
/// component is hashed on its own and the hashes are concatenated, so all users of a tenant share the tenant's hash as a
/// prefix and a tenant's range is [hash(tenant), hash(tenant) + "FF"). Per component (string values only, which is all this
/// container holds): MurmurHash3 x64 128-bit, seed 0, over the byte 0x08, the UTF-8 text and 0xFF; the 16 bytes reversed, the
/// top two bits cleared, upper-case hex. Follows the public JavaScript SDK (sdk/cosmosdb/cosmos/src/utils/hashing/v2.ts,
/// multiHash.ts, encoding/prefix.ts); a test holds it equal to the range the .NET SDK itself sends for a tenant prefix.
/// </summary>
public static class EffectivePartitionKey
{
    private const byte StringMarker = 0x08;
    private const byte Terminator = 0xFF;

    /// <summary>The EPK of a partition key header value such as <c>["tenant","user"]</c> (or a prefix of it).</summary>
    public static string Of(string partitionKey) =>
        string.Concat(JsonNode.Parse(partitionKey)!.AsArray().Select(component => Hash(component!.GetValue<string>())));

    /// <summary>Whether <paramref name="epk"/> lies in [<paramref name="start"/>, <paramref name="end"/>), compared as the service does (ordinal hex).</summary>
    public static bool InRange(string epk, string start, string end) =>
        string.CompareOrdinal(epk, start) >= 0 && string.CompareOrdinal(epk, end) < 0;

    private static string Hash(string component)
    {
        var text = Encoding.UTF8.GetBytes(component);
        var bytes = new byte[text.Length + 2];
        bytes[0] = StringMarker;
        text.CopyTo(bytes, 1);
        bytes[^1] = Terminator;
        var (h1, h2) = Murmur3X64128(bytes);
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(hash, h2);
        BinaryPrimitives.WriteUInt64BigEndian(hash.AsSpan(8), h1);
        hash[0] &= 0x3F;
        return Convert.ToHexString(hash);
    }

    /// <summary>MurmurHash3_x64_128 (Austin Appleby's public-domain reference), seed 0.</summary>
    private static (ulong H1, ulong H2) Murmur3X64128(ReadOnlySpan<byte> data)
    {
        const ulong c1 = 0x87c37b91114253d5;
        const ulong c2 = 0x4cf5ad432745937f;
        ulong h1 = 0;
        ulong h2 = 0;
        var blocks = data.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 16));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice((i * 16) + 8));
            h1 ^= BitOperations.RotateLeft(k1 * c1, 31) * c2;
            h1 = (BitOperations.RotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= BitOperations.RotateLeft(k2 * c2, 33) * c1;
            h2 = (BitOperations.RotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }

        var tail = data.Slice(blocks * 16);
        ulong t1 = 0;
        ulong t2 = 0;
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            if (i >= 8)
            {
                t2 = (t2 << 8) | tail[i];
            }
            else
            {
                t1 = (t1 << 8) | tail[i];
            }
        }

        if (tail.Length > 8)
        {
            h2 ^= BitOperations.RotateLeft(t2 * c2, 33) * c1;
        }

        if (tail.Length > 0)
        {
            h1 ^= BitOperations.RotateLeft(t1 * c1, 31) * c2;
        }

        h1 ^= (ulong)data.Length;
        h2 ^= (ulong)data.Length;
        h1 += h2;
        h2 += h1;
        h1 = Mix(h1);
        h2 = Mix(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);
    }

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccd;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53;
        k ^= k >> 33;
        return k;
    }
}
