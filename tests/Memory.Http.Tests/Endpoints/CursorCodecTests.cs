using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http.Endpoints;

namespace MemoryFunctions.Http.Tests.Endpoints;

public sealed class CursorCodecTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public void Encode_ThenDecode_SamePartition_ReturnsTheToken()
    {
        var cursor = CursorCodec.Encode(Alice, "{\"offset\":40}")!;

        Assert.True(CursorCodec.TryDecode(Alice, cursor, out var token));
        Assert.Equal("{\"offset\":40}", token);
        Assert.DoesNotContain("offset", cursor, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NoToken_ReturnsNull() => Assert.Null(CursorCodec.Encode(Alice, null));

    [Theory]
    [InlineData("t1", "bob")]
    [InlineData("t2", "alice")]
    public void TryDecode_OtherPartition_Fails(string tenant, string user)
    {
        var cursor = CursorCodec.Encode(Alice, "40")!;

        Assert.False(CursorCodec.TryDecode(new MemoryPartition(tenant, user), cursor, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("NDA")]
    public void TryDecode_Garbage_Fails(string cursor) => Assert.False(CursorCodec.TryDecode(Alice, cursor, out _));
}
