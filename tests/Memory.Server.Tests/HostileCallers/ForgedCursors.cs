using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>Cursors a hostile caller can make without any secret.</summary>
internal static class ForgedCursors
{
    /// <summary>A token the embedded store never issued, wrapped with the unkeyed checksum anyone can compute.</summary>
    public static string Wrapped(string tenant, string user, string token = "1|not-ticks|x")
    {
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{user}\n{token}")))[..16];
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{checksum}:{token}"));
    }

    public static TheoryData<string> Garbage() => new() { "!!!", "NDA", "OjQw", Base64Url.EncodeToString(Encoding.UTF8.GetBytes("0123456789abcdef:" + new string('x', 40))) };
}
