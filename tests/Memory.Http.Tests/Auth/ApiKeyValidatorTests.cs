using MemoryFunctions.Http.Auth;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Tests.Auth;

public sealed class ApiKeyValidatorTests
{
    private static readonly ApiKeyValidator Validator = new(TestAuth.Bind(TestKeys.Settings(
    [
        new TestKey("acme-2026-11", "first-key", ["acme"], null, "write"),
        new TestKey("acme-2026-12", "second-key", ["acme"], null, "write"),
        new TestKey("globex", "third-key", ["globex"], "u1", "read"),
    ])).Keys);

    [Fact]
    public void Find_NoKeysConfigured_IsDisabledAndFindsNothing()
    {
        var validator = new ApiKeyValidator([]);

        Assert.False(validator.IsEnabled);
        Assert.Null(validator.Find("anything"));
    }

    [Theory]
    [InlineData("first-key", "acme-2026-11")]
    [InlineData("second-key", "acme-2026-12")]
    [InlineData("third-key", "globex")]
    [InlineData("first-ke", null)]
    [InlineData("first-key ", null)]
    [InlineData("FIRST-KEY", null)]
    [InlineData("", null)]
    [InlineData("sha256:5f0c", null)]
    public void Find_KeysConfigured_ExactKeyFindsItsOwnEntryOnly(string presented, string? expectedId)
    {
        Assert.Equal(expectedId, Validator.Find(presented)?.Id);
    }

    [Fact]
    public void Find_PresentingTheStoredHash_IsNotTheKey()
    {
        Assert.Null(Validator.Find(TestKeys.Hash("first-key")));
    }

    [Fact]
    public void Find_EntryWithMalformedHash_IsIgnored()
    {
        var options = TestAuth.Bind(new Dictionary<string, string?> { ["Memory:Auth:Keys:0:Id"] = "k", ["Memory:Auth:Keys:0:Hash"] = "first-key" });

        Assert.False(new ApiKeyValidator(options.Keys).IsEnabled);
    }

    [Fact]
    public void Presented_HeaderAndCode_HeaderWinsAsOnAzureFunctions()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-functions-key"] = "header-key";
        context.Request.QueryString = new QueryString("?code=query-key");

        Assert.Equal("header-key", ApiKeyValidator.Presented(context.Request));
    }

    [Fact]
    public void Presented_CodeMovedToFeature_ReadFromTheFeature()
    {
        var context = new DefaultHttpContext();
        context.Features.Set(new PresentedApiKeyFeature("redacted-key"));

        Assert.Equal("redacted-key", ApiKeyValidator.Presented(context.Request));
    }

    [Fact]
    public void Presented_Nothing_IsNull()
    {
        Assert.Null(ApiKeyValidator.Presented(new DefaultHttpContext().Request));
    }
}
