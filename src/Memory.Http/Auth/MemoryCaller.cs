using System.Security.Claims;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Who is calling and what the credential reaches, as the authenticator found it. Every handler of both hosts, the MCP
/// tools and the Event Grid webhook check a request against it in <see cref="Endpoints.RequestScope"/>.
/// </summary>
public sealed record MemoryCaller
{
    /// <summary>A non-secret description for logs and audit: <c>key:&lt;id&gt;</c>, <c>entra:&lt;oid&gt;@&lt;tid&gt;</c> or <c>anonymous</c>.</summary>
    public required string Name { get; init; }

    public bool IsAuthenticated { get; init; }

    /// <summary>The tenants the credential reaches; null reaches every tenant (open mode, or an unscoped key of a single-tenant deployment).</summary>
    public IReadOnlyList<string>? Tenants { get; init; }

    /// <summary>The only user the credential reaches; null reaches every user of its tenants.</summary>
    public string? UserId { get; init; }

    /// <summary>The user the <c>me</c> alias stands for: the signed-in user of a delegated token, or a key's bound user.</summary>
    public string? Self { get; init; }

    public MemoryRole Role { get; init; }

    /// <summary>Where to report operations this credential submits without a <c>callbackUrl</c> (a key's configured default), or null.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>No authentication configured: any caller reaches everything, as the loopback-only local server always did.</summary>
    public static MemoryCaller Open { get; } = new() { Name = "anonymous", Role = MemoryRole.Admin };

    public bool ReachesTenant(string tenantId) => Tenants is null || Tenants.Contains(tenantId, StringComparer.Ordinal);

    public bool ReachesUser(string userId) => UserId is null || string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <summary>
    /// Whether the role suffices for <paramref name="required"/> on <paramref name="userId"/>: admin actions (export, erase)
    /// on the credential's own bound user need only <see cref="MemoryRole.Write"/>; on anyone else they need admin.
    /// </summary>
    public bool Grants(MemoryRole required, string? userId)
    {
        var selfService = required == MemoryRole.Admin && UserId is not null && string.Equals(UserId, userId, StringComparison.Ordinal);
        return Role >= (selfService ? MemoryRole.Write : required);
    }

    /// <summary>The principal hosts put in <c>HttpContext.User</c>: its name is <see cref="Name"/>; open mode has no authenticated identity.</summary>
    public ClaimsPrincipal ToPrincipal() => IsAuthenticated
        ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role.ToString())], AuthenticationType))
        : new ClaimsPrincipal(new ClaimsIdentity());

    private const string AuthenticationType = "MemoryFunctions";
}
