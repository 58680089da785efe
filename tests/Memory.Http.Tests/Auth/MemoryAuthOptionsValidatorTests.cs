using MemoryFunctions.Http.Auth;
using MemoryFunctions.Testing.Auth;

namespace MemoryFunctions.Http.Tests.Auth;

public sealed class MemoryAuthOptionsValidatorTests
{
    private static string[] Failures(Dictionary<string, string?> settings) =>
        [.. new MemoryAuthOptionsValidator().Validate(null, TestAuth.Bind(settings)).Failures ?? []];

    [Fact]
    public void Validate_ScopedKeysAndEntra_Succeeds()
    {
        var settings = TestKeys.Settings([new TestKey("a", "key-a", ["acme"], "u1", "write"), new TestKey("b", "key-b", ["acme", "globex"], null, "admin")]);
        foreach (var (name, value) in TestTokenIssuer.Settings())
        {
            settings[name] = value;
        }

        Assert.Empty(Failures(settings));
    }

    [Fact]
    public void Validate_UnscopedKeyInMultiTenantDeployment_FailsNamingSingleTenant()
    {
        var failure = Assert.Single(Failures(TestKeys.Settings([new TestKey("a", "key-a", [], null, "admin")])));

        Assert.Contains("Memory:Auth:Keys:0:Tenants", failure, StringComparison.Ordinal);
        Assert.Contains("Memory:Auth:SingleTenant", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnscopedKeyInSingleTenantDeployment_Succeeds()
    {
        Assert.Empty(Failures(TestKeys.Unscoped("key-a")));
    }

    [Fact]
    public void Validate_PlainTextApiKeys_FailInsteadOfOpeningTheApi()
    {
        var failure = Assert.Single(Failures(new Dictionary<string, string?> { ["Memory:Auth:ApiKeys:0"] = "plain" }));

        Assert.Contains("Memory:Auth:ApiKeys", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hash", "the-key-itself")]
    [InlineData("Hash", "sha256:abc")]
    [InlineData("Hash", "md5:0123456789abcdef0123456789abcdef")]
    [InlineData("Id", "bad id")]
    [InlineData("Role", "none")]
    [InlineData("User", "../etc")]
    [InlineData("User", "me")]
    [InlineData("Tenants:0", "a/b")]
    public void Validate_BadKeyEntry_FailsNamingTheSetting(string field, string value)
    {
        var settings = TestKeys.Settings([new TestKey("a", "key-a", ["acme"], null, "read")]);
        settings[$"Memory:Auth:Keys:0:{field}"] = value;

        Assert.Contains(Failures(settings), failure => failure.StartsWith($"Memory:Auth:Keys:0:{field.Split(':')[0]}", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SameKeyTwice_Fails()
    {
        var failures = Failures(TestKeys.Settings([new TestKey("a", "same", ["acme"], null, "read"), new TestKey("b", "same", ["globex"], null, "admin")]));

        Assert.Contains(failures, failure => failure.StartsWith("Memory:Auth:Keys:1:Hash", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EntraWithoutAudience_Fails()
    {
        var failure = Assert.Single(Failures(new Dictionary<string, string?> { ["Memory:Auth:Entra:Authority"] = TestTokenIssuer.Authority }));

        Assert.Contains("Audiences", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EntraOverHttp_Fails()
    {
        var settings = TestTokenIssuer.Settings();
        settings["Memory:Auth:Entra:Authority"] = "http://login.example/v2.0";

        Assert.Contains(Failures(settings), failure => failure.Contains("https", StringComparison.Ordinal));
    }
}
