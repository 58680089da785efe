using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MemoryFunctions.Testing.Auth;

/// <summary>
/// Stands in for Microsoft Entra ID without network: an RSA key made here signs the tokens, and <see cref="Metadata"/>
/// publishes it with Entra's multi-tenant issuer template, as the authority's OpenID Connect document would. The server
/// under test validates with its real code; only where the keys come from is replaced.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    public const string Authority = "https://login.microsoftonline.com/organizations/v2.0";
    public const string Audience = "api://memoryfunctions-tests";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();

    public TestTokenIssuer()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = "https://login.microsoftonline.com/{tenantid}/v2.0" };
        configuration.SigningKeys.Add(SigningKey);
        Metadata = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }

    public RsaSecurityKey SigningKey => new(_rsa) { KeyId = "test-signing-key" };

    /// <summary>What the server registers instead of fetching the authority's metadata.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration> Metadata { get; }

    public static Dictionary<string, string?> Settings(IEnumerable<string>? allowedTenants = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Memory:Auth:Entra:Authority"] = Authority,
            ["Memory:Auth:Entra:Audiences:0"] = Audience,
        };
        foreach (var (tenant, i) in (allowedTenants ?? []).Select((tenant, i) => (tenant, i)))
        {
            settings[$"Memory:Auth:Entra:AllowedTenants:{i}"] = tenant;
        }

        return settings;
    }

    /// <summary>A user-delegated token (it carries <c>scp</c>) for <paramref name="oid"/> in Entra tenant <paramref name="tid"/>.</summary>
    public string Delegated(string tid, string oid, string scopes = "Memory.Read Memory.Write", IEnumerable<string>? roles = null) =>
        Issue(tid, oid, roles, scopes);

    /// <summary>An app-only token (no <c>scp</c>) carrying app roles.</summary>
    public string App(string tid, params string[] roles) => Issue(tid, "app-" + tid, roles, scopes: null);

    /// <summary>Any token, with the knobs a hostile test turns: audience, issuer, lifetime, or a key the authority never published.</summary>
    public string Issue(
        string tid,
        string oid,
        IEnumerable<string>? roles,
        string? scopes,
        string audience = Audience,
        string? issuer = null,
        DateTime? expires = null,
        bool signWithStranger = false)
    {
        var claims = new List<Claim> { new("tid", tid), new("oid", oid), new("sub", "sub-" + oid) };
        claims.AddRange((roles ?? []).Select(role => new Claim("roles", role)));
        if (scopes is not null)
        {
            claims.Add(new Claim("scp", scopes));
        }

        var now = DateTime.UtcNow;
        var key = signWithStranger ? new RsaSecurityKey(_stranger) { KeyId = "stranger-key" } : SigningKey;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Audience = audience,
            Issuer = issuer ?? $"https://login.microsoftonline.com/{tid}/v2.0",
            NotBefore = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            IssuedAt = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _stranger.Dispose();
    }
}
