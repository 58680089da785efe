using MemoryFunctions.Http.Auth;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Tests.Auth;

public sealed class ApiKeyValidatorTests
{
    [Fact]
    public void IsValid_NoKeysConfigured_AcceptsEverything()
    {
        var validator = new ApiKeyValidator([]);

        Assert.False(validator.IsEnabled);
        Assert.True(validator.IsValid(null));
    }

    [Fact]
    public void IsValid_BlankConfiguredKeys_AreIgnored()
    {
        var validator = new ApiKeyValidator(["", ""]);

        Assert.False(validator.IsEnabled);
    }

    [Theory]
    [InlineData("first-key", true)]
    [InlineData("second-key", true)]
    [InlineData("first-ke", false)]
    [InlineData("first-key ", false)]
    [InlineData("FIRST-KEY", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_KeysConfigured_AcceptsExactMatchesOnly(string? presented, bool expected)
    {
        var validator = new ApiKeyValidator(["first-key", "second-key"]);

        Assert.Equal(expected, validator.IsValid(presented));
    }

    [Fact]
    public void IsAuthorized_KeyInHeader_ReturnsTrue()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-functions-key"] = "k";

        Assert.True(new ApiKeyValidator(["k"]).IsAuthorized(context.Request));
    }

    [Fact]
    public void IsAuthorized_KeyInCodeQuery_ReturnsTrue()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?code=k");

        Assert.True(new ApiKeyValidator(["k"]).IsAuthorized(context.Request));
    }

    [Fact]
    public void IsAuthorized_WrongHeaderAndRightQuery_HeaderWins()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-functions-key"] = "wrong";
        context.Request.QueryString = new QueryString("?code=k");

        Assert.False(new ApiKeyValidator(["k"]).IsAuthorized(context.Request));
    }

    [Fact]
    public void IsAuthorized_NoKey_ReturnsFalse()
    {
        Assert.False(new ApiKeyValidator(["k"]).IsAuthorized(new DefaultHttpContext().Request));
    }
}
