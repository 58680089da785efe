using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Endpoints;

namespace MemoryFunctions.Http.Tests.Endpoints;

public sealed class CursorCodecTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static CursorCodec Codec(params string[] keys)
    {
        var options = new MemoryHttpOptions();
        foreach (var key in keys)
        {
            options.CursorKeys.Add(key);
        }

        return new CursorCodec(options);
    }

    public static TheoryData<string[]> Configurations() => new() { Array.Empty<string>(), new[] { OldKey } };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Encode_ThenDecode_SamePartition_ReturnsTheToken(string[] keys)
    {
        var codec = Codec(keys);
        var cursor = codec.Encode(Alice, "{\"offset\":40}")!;

        Assert.True(codec.TryDecode(Alice, cursor, out var token));
        Assert.Equal("{\"offset\":40}", token);
        Assert.DoesNotContain("offset", cursor, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NoToken_ReturnsNull() => Assert.Null(Codec().Encode(Alice, null));

    [Theory]
    [InlineData("t1", "bob")]
    [InlineData("t2", "alice")]
    public void TryDecode_OtherPartition_Fails(string tenant, string user)
    {
        foreach (var codec in new[] { Codec(), Codec(OldKey) })
        {
            var cursor = codec.Encode(Alice, "40")!;

            Assert.False(codec.TryDecode(new MemoryPartition(tenant, user), cursor, out _));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("NDA")]
    [InlineData("OjQw")]
    public void TryDecode_Garbage_Fails(string cursor)
    {
        Assert.False(Codec().TryDecode(Alice, cursor, out _));
        Assert.False(Codec(OldKey).TryDecode(Alice, cursor, out _));
    }

    /// <summary>The forgery of the hostile review: the unkeyed checksum is public, so anyone can wrap a token of their own.</summary>
    [Fact]
    public void TryDecode_WithKeys_TokenWrappedWithThePublicChecksumFails()
    {
        var token = "1|0|forged";
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Alice.TenantId}\n{Alice.UserId}\n{token}")))[..16];
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{checksum}:{token}"));

        Assert.True(Codec().TryDecode(Alice, forged, out _));
        Assert.False(Codec(OldKey).TryDecode(Alice, forged, out _));
    }

    [Fact]
    public void TryDecode_WithAnotherServersKey_Fails()
    {
        var cursor = Codec(NewKey).Encode(Alice, "40")!;

        Assert.False(Codec(OldKey).TryDecode(Alice, cursor, out _));
    }

    [Fact]
    public void Rotation_CursorsSignedByEitherListedKeyVerify_NewOnesSignedByTheFirst()
    {
        var before = Codec(OldKey).Encode(Alice, "page-2")!;
        var during = Codec(NewKey, OldKey);

        Assert.True(during.TryDecode(Alice, before, out var token));
        Assert.Equal("page-2", token);
        var after = during.Encode(Alice, "page-3")!;
        Assert.True(Codec(NewKey).TryDecode(Alice, after, out _));
        Assert.False(Codec(NewKey).TryDecode(Alice, before, out _));
    }
}
