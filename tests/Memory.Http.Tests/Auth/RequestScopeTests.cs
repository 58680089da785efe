using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Tests.Auth;

/// <summary>The one authorization rule every handler goes through, case by case.</summary>
public sealed class RequestScopeTests
{
    private static readonly CallerAuthenticator Keys = TestAuth.Create(TestKeys.Settings(
    [
        new TestKey("acme-read", "acme-read", ["acme"], null, "read"),
        new TestKey("acme-write", "acme-write", ["acme"], null, "write"),
        new TestKey("acme-admin", "acme-admin", ["acme"], null, "admin"),
        new TestKey("acme-u1", "acme-u1", ["acme"], "u1", "write"),
        new TestKey("feeder", "feeder", ["acme", "globex"], null, "write"),
    ]));

    private static HttpRequest Request(string? key, string? tenant = null)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        if (tenant is not null)
        {
            context.Request.Headers["x-tenant-id"] = tenant;
        }

        return context.Request;
    }

    private static async Task<(string? Tenant, string? User, string? ProblemType)> ResolveAsync(
        string? key, string userId, MemoryRole required, string? tenant = null, CallerAuthenticator? authenticator = null)
    {
        var scope = await RequestScope.ResolveAsync(Request(key, tenant), userId, required, authenticator ?? Keys);
        return scope.Problem is null ? (scope.Partition.TenantId, scope.Partition.UserId, null) : (null, null, scope.Problem.ProblemDetails.Type);
    }

    [Theory]
    [InlineData("acme-read", "u2", MemoryRole.Read, null, "acme", "u2", null)]
    [InlineData("acme-read", "u2", MemoryRole.Read, "acme", "acme", "u2", null)]
    [InlineData("acme-read", "u2", MemoryRole.Read, "globex", null, null, ProblemTypes.OutOfScope)]
    [InlineData("acme-read", "u2", MemoryRole.Read, "default", null, null, ProblemTypes.OutOfScope)]
    [InlineData("acme-read", "u2", MemoryRole.Write, null, null, null, ProblemTypes.MissingRole)]
    [InlineData("acme-write", "u2", MemoryRole.Write, null, "acme", "u2", null)]
    [InlineData("acme-write", "u2", MemoryRole.Admin, null, null, null, ProblemTypes.MissingRole)]
    [InlineData("acme-admin", "u2", MemoryRole.Admin, null, "acme", "u2", null)]
    [InlineData("acme-admin", "u2", MemoryRole.Admin, "globex", null, null, ProblemTypes.OutOfScope)]
    [InlineData("acme-u1", "u1", MemoryRole.Write, null, "acme", "u1", null)]
    [InlineData("acme-u1", "me", MemoryRole.Read, null, "acme", "u1", null)]
    [InlineData("acme-u1", "u2", MemoryRole.Read, null, null, null, ProblemTypes.OutOfScope)]
    [InlineData("acme-u1", "u1", MemoryRole.Admin, null, "acme", "u1", null)]
    [InlineData("acme-write", "me", MemoryRole.Read, null, null, null, ProblemTypes.Validation)]
    [InlineData("feeder", "u2", MemoryRole.Write, null, null, null, ProblemTypes.Validation)]
    [InlineData("feeder", "u2", MemoryRole.Write, "globex", "globex", "u2", null)]
    [InlineData("feeder", "u2", MemoryRole.Write, "initech", null, null, ProblemTypes.OutOfScope)]
    [InlineData("wrong", "u2", MemoryRole.Read, null, null, null, ProblemTypes.Unauthorized)]
    [InlineData(null, "u2", MemoryRole.Read, null, null, null, ProblemTypes.Unauthorized)]
    public async Task Resolve_KeyScopeAndRole_AllowedOrRefusedWithItsType(
        string? key, string userId, MemoryRole required, string? tenant, string? expectedTenant, string? expectedUser, string? expectedProblem)
    {
        Assert.Equal((expectedTenant, expectedUser, expectedProblem), await ResolveAsync(key, userId, required, tenant));
    }

    [Fact]
    public async Task Resolve_BadTenantHeaderAndForeignUser_400BeforeAny403()
    {
        Assert.Equal(ProblemTypes.Validation, (await ResolveAsync("acme-u1", "u2", MemoryRole.Read, tenant: "a/b")).ProblemType);
    }

    [Fact]
    public async Task Resolve_OpenMode_DefaultTenantAnyUserNoMeAlias()
    {
        Assert.Equal(("default", "u2", null), await ResolveAsync(null, "u2", MemoryRole.Admin, authenticator: TestAuth.Open));
        Assert.Equal(("globex", "u2", null), await ResolveAsync("any-key", "u2", MemoryRole.Admin, "globex", TestAuth.Open));
        Assert.Equal(ProblemTypes.Validation, (await ResolveAsync(null, "me", MemoryRole.Read, authenticator: TestAuth.Open)).ProblemType);
    }

    [Fact]
    public async Task Resolve_Authenticated_UserIsTheKeysNameNeverTheKey()
    {
        var request = Request("acme-u1");

        await RequestScope.ResolveAsync(request, "u1", MemoryRole.Read, Keys);

        Assert.Equal("key:acme-u1", request.HttpContext.User.Identity?.Name);
        Assert.True(request.HttpContext.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Resolve_OpenMode_NoAuthenticatedIdentity()
    {
        var request = Request(null);

        await RequestScope.ResolveAsync(request, "u1", MemoryRole.Read, TestAuth.Open);

        Assert.False(request.HttpContext.User.Identity?.IsAuthenticated ?? false);
    }

    [Fact]
    public async Task Resolve_EntraDelegatedToken_MeIsTheSignedInUserAndOthersAreOutOfScope()
    {
        using var issuer = new TestTokenIssuer();
        var entra = TestAuth.Create(TestTokenIssuer.Settings(), issuer);
        var request = Request(null);
        request.Headers.Authorization = "Bearer " + issuer.Delegated("tid-a", "oid-1");
        var other = Request(null);
        other.Headers.Authorization = "Bearer " + issuer.Delegated("tid-a", "oid-1");

        var self = await RequestScope.ResolveAsync(request, "me", MemoryRole.Write, entra);
        var foreign = await RequestScope.ResolveAsync(other, "oid-2", MemoryRole.Read, entra);

        Assert.Equal(("tid-a", "oid-1"), (self.Partition.TenantId, self.Partition.UserId));
        Assert.Equal("entra:oid-1@tid-a", request.HttpContext.User.Identity?.Name);
        Assert.Equal(ProblemTypes.OutOfScope, foreign.Problem?.ProblemDetails.Type);
    }

    [Fact]
    public async Task Resolve_BearerWhereOnlyKeysAreConfigured_401()
    {
        var request = Request(null);
        request.Headers.Authorization = "Bearer x.y.z";

        var scope = await RequestScope.ResolveAsync(request, "u1", MemoryRole.Read, Keys);

        Assert.Equal(ProblemTypes.Unauthorized, scope.Problem?.ProblemDetails.Type);
    }
}
