using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Routing;

/// <summary>
/// The effective partition key (EPK) of a hierarchical ("MultiHash", version 2) key, as the service places documents and as the
/// SDK computes the range of a key prefix: each component is hashed on its own and the 32-hex-digit hashes are concatenated, so
/// the documents of a prefix [tenant] are exactly those whose EPK starts with the prefix's EPK, the range
/// [EPK(prefix), EPK(prefix) + "FF") the SDK sends as <c>x-ms-start-epk</c> / <c>x-ms-end-epk</c>
/// (RequestInvokerHandler: "the EpkRange spans less than single physical partition").
/// A component's hash: MurmurHash3 x64 128-bit, seed 0 (the SDK's MurmurHash3.Hash128), over the component's binary encoding
/// (a string: type byte 0x08, its UTF-8 bytes, then 0xFF), the 16 bytes reversed and the top two bits cleared; the same
/// rule as the JavaScript SDK's hashV2PartitionKey / hashMultiHashPartitionKey. A test checks it against the SDK's own headers.
/// </summary>
public static class EffectivePartitionKey
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    /// <summary>The EPK of a partition key given as JSON (<c>["t","u"]</c> or the prefix <c>["t"]</c>); strings only, as this store writes.</summary>
    public static string Of(string partitionKeyJson)
    {
        var components = JsonNode.Parse(partitionKeyJson)!.AsArray();
        var epk = new StringBuilder(32 * components.Count);
        foreach (var component in components)
        {
            epk.Append(OfString(component!.GetValue<string>()));
        }

        return epk.ToString();
    }

    /// <summary>Whether a document of <paramref name="partitionKeyJson"/> lies in [<paramref name="start"/>, <paramref name="end"/>) (ordinal comparison of the hex strings).</summary>
    public static bool InRange(string partitionKeyJson, string start, string end)
    {
        var epk = Known.GetOrAdd(partitionKeyJson, Of);
        return string.CompareOrdinal(epk, start) >= 0 && string.CompareOrdinal(epk, end) < 0;
    }

    private static string OfString(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var bytes = new byte[utf8.Length + 2];
        bytes[0] = 0x08;
        utf8.CopyTo(bytes, 1);
        bytes[^1] = 0xFF;
        var (h1, h2) = Hash128(bytes);
        var hash = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, h1);
        BinaryPrimitives.WriteUInt64LittleEndian(hash.AsSpan(8), h2);
        Array.Reverse(hash);
        hash[0] &= 0x3F;
        return Convert.ToHexString(hash);
    }

    /// <summary>MurmurHash3 x64 128, seed 0: the SDK's MurmurHash3.Hash128(ReadOnlySpan&lt;byte&gt;, UInt128) line for line.</summary>
    private static (ulong H1, ulong H2) Hash128(ReadOnlySpan<byte> data)
    {
        const ulong c1 = 0x87c37b91114253d5;
        const ulong c2 = 0x4cf5ad432745937f;
        ulong h1 = 0, h2 = 0;
        var position = 0;
        unchecked
        {
            for (; position < data.Length - 15; position += 16)
            {
                var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data[position..]);
                var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data[(position + 8)..]);
                k1 *= c1;
                k1 = BitOperations.RotateLeft(k1, 31);
                k1 *= c2;
                h1 ^= k1;
                h1 = BitOperations.RotateLeft(h1, 27);
                h1 += h2;
                h1 = (h1 * 5) + 0x52dce729;
                k2 *= c2;
                k2 = BitOperations.RotateLeft(k2, 33);
                k2 *= c1;
                h2 ^= k2;
                h2 = BitOperations.RotateLeft(h2, 31);
                h2 += h1;
                h2 = (h2 * 5) + 0x38495ab5;
            }

            ulong t1 = 0, t2 = 0;
            var tail = data[position..];
            for (var i = tail.Length - 1; i >= 8; i--)
            {
                t2 ^= (ulong)tail[i] << ((i - 8) * 8);
            }

            for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
            {
                t1 ^= (ulong)tail[i] << (i * 8);
            }

            t2 *= c2;
            t2 = BitOperations.RotateLeft(t2, 33);
            t2 *= c1;
            h2 ^= t2;
            t1 *= c1;
            t1 = BitOperations.RotateLeft(t1, 31);
            t1 *= c2;
            h1 ^= t1;

            h1 ^= (ulong)data.Length;
            h2 ^= (ulong)data.Length;
            h1 += h2;
            h2 += h1;
            h1 = Mix(h1);
            h2 = Mix(h2);
            h1 += h2;
            h2 += h1;
        }

        return (h1, h2);
    }

    private static ulong Mix(ulong h)
    {
        unchecked
        {
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccd;
            h ^= h >> 33;
            h *= 0xc4ceb9fe1a85ec53;
            h ^= h >> 33;
            return h;
        }
    }
}
