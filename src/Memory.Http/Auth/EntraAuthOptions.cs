namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Microsoft Entra ID bearer tokens (<c>Memory:Auth:Entra</c>). Off while <see cref="Authority"/> is empty. Signing keys and
/// the issuer come from the authority's OpenID Connect metadata, refreshed by the library (and at once when a token names
/// an unknown key).
/// </summary>
public sealed class EntraAuthOptions
{
    /// <summary>E.g. <c>https://login.microsoftonline.com/&lt;tenant-id&gt;/v2.0</c>, or <c>…/organizations/v2.0</c> for a multi-tenant app.</summary>
    public string? Authority { get; set; }

    /// <summary>Overrides <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Accepted <c>aud</c> values: the app's client id and/or its Application ID URI (<c>api://…</c>).</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Entra tenants whose tokens are accepted; empty accepts every tenant the authority's issuer admits.</summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>The claim that names the memory tenant.</summary>
    public string TenantClaim { get; set; } = "tid";

    /// <summary>The claim that names the user of a delegated token (<c>sub</c> is used when it is absent).</summary>
    public string UserClaim { get; set; } = "oid";

    /// <summary>App role or delegated scope granting <see cref="MemoryRole.Read"/>.</summary>
    public string ReadRole { get; set; } = "Memory.Read";

    /// <summary>App role or delegated scope granting <see cref="MemoryRole.Write"/>.</summary>
    public string WriteRole { get; set; } = "Memory.Write";

    /// <summary>App role (never a scope: users consent to scopes) granting <see cref="MemoryRole.Admin"/>.</summary>
    public string AdminRole { get; set; } = "Memory.Admin";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public string ResolvedMetadataAddress => MetadataAddress ?? Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
}
