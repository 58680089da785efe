using MemoryFunctions.Http.Auth;

namespace MemoryFunctions.Http.Tests.Auth;

public sealed class ApiKeyQueryRedactorTests
{
    [Theory]
    [InlineData("?code=k1", "", "k1")]
    [InlineData("?pageSize=5&code=k1&kind=fact", "?pageSize=5&kind=fact", "k1")]
    [InlineData("?CODE=k1", "", "k1")]
    [InlineData("?%63ode=k%2B1", "", "k+1")]
    [InlineData("?code=a&code=b", "", "a,b")]
    [InlineData("?code", "", "")]
    [InlineData("?x=1&code=", "?x=1", "")]
    public void TryRemoveKey_CodePresent_RemovesItAndReturnsTheKeyAsQueryWouldRead(string query, string remaining, string key)
    {
        Assert.True(ApiKeyQueryRedactor.TryRemoveKey(query, out var actualRemaining, out var actualKey));

        Assert.Equal(remaining, actualRemaining);
        Assert.Equal(key, actualKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?pageSize=5&barcode=x&codes=y")]
    public void TryRemoveKey_NoCode_LeavesTheQueryAlone(string? query)
    {
        Assert.False(ApiKeyQueryRedactor.TryRemoveKey(query, out var remaining, out var key));

        Assert.Equal(query ?? string.Empty, remaining);
        Assert.Empty(key);
    }
}
