using MemoryFunctions.Http.Endpoints;

namespace MemoryFunctions.Http.Tests.Endpoints;

public sealed class SearchApiTests
{
    [Theory]
    [InlineData(64, 100, 50)]
    [InlineData(500, 100, 50)]
    [InlineData(800, 100, 80)]
    [InlineData(1_000, 100, 100)]
    [InlineData(2_000, 100, 100)]
    [InlineData(32_000, 100, 100)]
    [InlineData(32_000, 1_000, 100)]
    [InlineData(1_000, 20, 20)]
    public void DefaultContextMemories_OnePerTenTokens_FiftyToAHundredNeverAboveTheTopKLimit(int maxTokens, int maxTopK, int expected)
    {
        Assert.Equal(expected, SearchApi.DefaultContextMemories(maxTokens, maxTopK));
    }
}
