namespace MemoryFunctions.Http.Tests;

public sealed class EntityTagsTests
{
    [Theory]
    [InlineData("\"00-abc\"", "\"00-abc\"")]
    [InlineData("7", "\"7\"")]
    public void ToHeader_StoreETag_IsQuotedOnce(string store, string expected) => Assert.Equal(expected, EntityTags.ToHeader(store));

    [Theory]
    [InlineData("\"7\"", "7", true)]
    [InlineData("\"7\"", "\"7\"", true)]
    [InlineData("*", "\"7\"", true)]
    [InlineData("\"1\", \"7\"", "\"7\"", true)]
    [InlineData("\"8\"", "\"7\"", false)]
    [InlineData("W/\"7\"", "\"7\"", false)]
    [InlineData("7", "\"7\"", false)]
    public void Matches_IfMatchHeader_UsesStrongComparison(string ifMatch, string store, bool expected) =>
        Assert.Equal(expected, EntityTags.Matches(ifMatch, store));
}
