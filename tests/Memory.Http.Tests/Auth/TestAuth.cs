using MemoryFunctions.Http.Auth;
using MemoryFunctions.Testing.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Auth;

/// <summary>Authenticators as a host would build them from settings, for handlers called directly.</summary>
internal static class TestAuth
{
    /// <summary>Nothing configured: every caller is <see cref="MemoryCaller.Open"/>.</summary>
    public static CallerAuthenticator Open { get; } = Create(new Dictionary<string, string?>());

    /// <summary>Binds <paramref name="settings"/> as <c>Memory:Auth</c> is bound at start-up; Entra tokens verify against <paramref name="issuer"/>'s key.</summary>
    public static CallerAuthenticator Create(IReadOnlyDictionary<string, string?> settings, TestTokenIssuer? issuer = null)
    {
        var options = Options.Create(Bind(settings));
        return new CallerAuthenticator(
            options,
            new ApiKeyValidator(options.Value.Keys),
            issuer is null ? null : new EntraTokenValidator(options, issuer.Metadata),
            NullLogger<CallerAuthenticator>.Instance);
    }

    public static MemoryAuthOptions Bind(IReadOnlyDictionary<string, string?> settings)
    {
        var options = new MemoryAuthOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(MemoryAuthOptions.SectionName).Bind(options);
        return options;
    }
}
