using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Core.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Validates Microsoft Entra ID access tokens in the process, the same code on the local server and in the Functions worker
/// (docs/security.md says why not the platform's authentication headers): signature against the authority's published
/// keys, issuer, audience and lifetime; then tenant from <see cref="EntraAuthOptions.TenantClaim"/>, the user of a delegated
/// token (one with <c>scp</c>) from <see cref="EntraAuthOptions.UserClaim"/>, and the role from app roles and scopes.
/// </summary>
public sealed class EntraTokenValidator(IOptions<MemoryAuthOptions> options, IConfigurationManager<OpenIdConnectConfiguration> metadata)
{
    private const string TenantPlaceholder = "{tenantid}";
    private readonly EntraAuthOptions _options = options.Value.Entra;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The caller the token proves, or why it does not (no token text in the reason).</summary>
    public async Task<(MemoryCaller? Caller, string? Failure)> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = await ValidateOnceAsync(token, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Entra rolls its signing keys: a token naming a key we have not seen makes us fetch the metadata again (the
            // manager rate-limits refreshes, so a flood of bogus key ids cannot turn into a flood of requests).
            metadata.RequestRefresh();
            result = await ValidateOnceAsync(token, cancellationToken);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, Describe(result.Exception));
        }

        return ToCaller(jwt);
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAudiences = _options.Audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            IssuerValidator = (issuer, securityToken, _) => ValidateIssuer(issuer, securityToken, configuration.Issuer),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
    }

    /// <summary>
    /// A multi-tenant authority publishes the issuer as <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>: the token's
    /// issuer must be exactly that with its own <c>tid</c> filled in, so one tenant's token cannot claim another's tenant.
    /// </summary>
    private string ValidateIssuer(string issuer, SecurityToken securityToken, string? published)
    {
        var tid = securityToken is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var value) ? value : null;
        var expected = published?.Replace(TenantPlaceholder, tid ?? TenantPlaceholder, StringComparison.OrdinalIgnoreCase);
        var allowedTenant = _options.AllowedTenants.Count == 0 || (tid is not null && _options.AllowedTenants.Contains(tid, StringComparer.OrdinalIgnoreCase));
        return expected is not null && allowedTenant && !expected.Contains(TenantPlaceholder, StringComparison.OrdinalIgnoreCase) && string.Equals(issuer, expected, StringComparison.Ordinal)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not this authority's, or its Entra tenant is not allowed.");
    }

    private (MemoryCaller? Caller, string? Failure) ToCaller(JsonWebToken jwt)
    {
        var tenant = Claim(jwt, _options.TenantClaim);
        var oid = Claim(jwt, _options.UserClaim) ?? Claim(jwt, "sub");
        if (tenant is null || oid is null)
        {
            return (null, $"the token has no '{_options.TenantClaim}' or no '{_options.UserClaim}'/'sub' claim.");
        }

        // Both become partition key material and the audit's "who": a claim that is not a valid id (a configured claim that
        // is not a GUID, or the reserved 'me') is refused like a missing one rather than trusted because it was signed.
        if (!IdRules.IsValid(tenant) || !IdRules.IsValid(oid) || IsSelfAlias(tenant) || IsSelfAlias(oid))
        {
            return (null, $"the token's '{_options.TenantClaim}' or user claim is not a valid memory id ({IdRules.Pattern}, not '{RequestScope.SelfAlias}').");
        }

        var roles = jwt.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var scopes = (Claim(jwt, "scp") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var delegated = jwt.TryGetPayloadValue<string>("scp", out _);
        var role = roles.Contains(_options.AdminRole) ? MemoryRole.Admin
            : roles.Contains(_options.WriteRole) || scopes.Contains(_options.WriteRole) ? MemoryRole.Write
            : roles.Contains(_options.ReadRole) || scopes.Contains(_options.ReadRole) ? MemoryRole.Read
            : MemoryRole.None;
        return (new MemoryCaller
        {
            Name = $"entra:{oid}@{tenant}",
            IsAuthenticated = true,
            Tenants = [tenant],
            // A signed-in user reaches only themself unless an administrator gave them the admin app role; an app-only
            // token (no scp) acts for the users of its tenant.
            UserId = delegated && role != MemoryRole.Admin ? oid : null,
            Self = delegated ? oid : null,
            Role = role,
        }, null);
    }

    private static bool IsSelfAlias(string claim) => string.Equals(claim, RequestScope.SelfAlias, StringComparison.Ordinal);

    private static string? Claim(JsonWebToken jwt, string type) =>
        jwt.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired; get a new one.",
        SecurityTokenNotYetValidException => "the token is not valid yet.",
        SecurityTokenInvalidAudienceException => "the token is for another audience (Memory:Auth:Entra:Audiences).",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the configured authority, or its Entra tenant is not allowed.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify with the authority's keys.",
        SecurityTokenNoExpirationException => "the token has no expiry.",
        _ => "the token is malformed or not a signed JWT.",
    };
}
