using MemoryFunctions.Http.Auth;
using MemoryFunctions.Testing.Auth;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Auth;

/// <summary>Real validation (signature, issuer, audience, lifetime) of tokens signed by a key made in the test.</summary>
public sealed class EntraTokenValidatorTests : IDisposable
{
    private readonly TestTokenIssuer _issuer = new();

    public void Dispose() => _issuer.Dispose();

    private EntraTokenValidator Validator(IEnumerable<string>? allowedTenants = null) =>
        new(Options.Create(TestAuth.Bind(TestTokenIssuer.Settings(allowedTenants))), _issuer.Metadata);

    [Fact]
    public async Task Validate_DelegatedToken_BoundToTheSignedInUserInTheTokensTenant()
    {
        var (caller, failure) = await Validator().ValidateAsync(_issuer.Delegated("tid-a", "oid-1"));

        Assert.Null(failure);
        Assert.Equal("entra:oid-1@tid-a", caller!.Name);
        Assert.Equal(["tid-a"], caller.Tenants);
        Assert.Equal(("oid-1", "oid-1", MemoryRole.Write), (caller.UserId, caller.Self, caller.Role));
    }

    [Theory]
    [InlineData("../../x", "oid-1")]
    [InlineData("tid a", "oid-1")]
    [InlineData("tid-a", "oid/1")]
    [InlineData("tid-a", "me")]
    [InlineData("me", "oid-1")]
    public async Task Validate_SignedButTenantOrUserNotAValidId_Refused(string tid, string oid)
    {
        var (caller, failure) = await Validator().ValidateAsync(_issuer.Delegated(tid, oid));

        Assert.Null(caller);
        Assert.Contains("not a valid memory id", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DelegatedReadScopeOnly_IsRead()
    {
        var (caller, _) = await Validator().ValidateAsync(_issuer.Delegated("tid-a", "oid-1", scopes: "Memory.Read"));

        Assert.Equal(MemoryRole.Read, caller!.Role);
    }

    [Fact]
    public async Task Validate_AdminAsScope_GrantsNoAdmin()
    {
        var (caller, _) = await Validator().ValidateAsync(_issuer.Delegated("tid-a", "oid-1", scopes: "Memory.Admin"));

        Assert.Equal(MemoryRole.None, caller!.Role);
        Assert.Equal("oid-1", caller.UserId);
    }

    [Fact]
    public async Task Validate_DelegatedWithAdminAppRole_ReachesEveryUserOfItsTenantOnly()
    {
        var (caller, _) = await Validator().ValidateAsync(_issuer.Delegated("tid-a", "oid-1", roles: ["Memory.Admin"]));

        Assert.Equal((MemoryRole.Admin, null, "oid-1"), (caller!.Role, caller.UserId, caller.Self));
        Assert.Equal(["tid-a"], caller.Tenants);
    }

    [Fact]
    public async Task Validate_AppOnlyToken_UnboundWithItsAppRole()
    {
        var (caller, _) = await Validator().ValidateAsync(_issuer.App("tid-b", "Memory.Write"));

        Assert.Equal((MemoryRole.Write, null, null), (caller!.Role, caller.UserId, caller.Self));
    }

    [Fact]
    public async Task Validate_AppOnlyWithoutRole_HasNone()
    {
        var (caller, _) = await Validator().ValidateAsync(_issuer.App("tid-b"));

        Assert.Equal(MemoryRole.None, caller!.Role);
    }

    public static TheoryData<string, string> Forged => new()
    {
        { "expired", "expired" },
        { "audience", "another audience" },
        { "stranger", "signature" },
        { "issuer-of-another-tenant", "issuer" },
        { "issuer-elsewhere", "issuer" },
        { "garbage", "malformed" },
        { "unsigned", "signature" },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task Validate_ForgedOrStaleToken_RefusedWithReason(string kind, string reason)
    {
        var token = kind switch
        {
            "expired" => _issuer.Issue("tid-a", "oid-1", null, "Memory.Write", expires: DateTime.UtcNow.AddMinutes(-10)),
            "audience" => _issuer.Issue("tid-a", "oid-1", null, "Memory.Write", audience: "api://someone-else"),
            "stranger" => _issuer.Issue("tid-a", "oid-1", null, "Memory.Write", signWithStranger: true),
            // A token of Entra tenant tid-b that names tid-a in its tid claim: the issuer gives it away.
            "issuer-of-another-tenant" => _issuer.Issue("tid-a", "oid-1", null, "Memory.Write", issuer: "https://login.microsoftonline.com/tid-b/v2.0"),
            "issuer-elsewhere" => _issuer.Issue("tid-a", "oid-1", null, "Memory.Write", issuer: "https://evil.example/tid-a/v2.0"),
            "unsigned" => string.Join('.', _issuer.Delegated("tid-a", "oid-1").Split('.')[..2]) + ".",
            _ => "not-a-jwt",
        };

        var (caller, failure) = await Validator().ValidateAsync(token);

        Assert.Null(caller);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(token, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TenantNotAllowed_Refused()
    {
        var (caller, failure) = await Validator(allowedTenants: ["tid-a"]).ValidateAsync(_issuer.Delegated("tid-b", "oid-1"));

        Assert.Null(caller);
        Assert.Contains("not allowed", failure, StringComparison.Ordinal);
    }
}
