using System.Text;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_StandardCheckValue_MatchesCastagnoli()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32C.ComputeSoftware("123456789"u8));
    }

    [Fact]
    public void Compute_HardwareAndSoftwarePaths_Agree()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("memory functions ", 101)));
        for (var length = 0; length < 40; length++)
        {
            Assert.Equal(Crc32C.ComputeSoftware(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
        }

        Assert.Equal(Crc32C.ComputeSoftware(data), Crc32C.Compute(data));
    }
}
