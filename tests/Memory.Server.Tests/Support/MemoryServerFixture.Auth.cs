using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MemoryFunctions.Server.Tests.Support;

public sealed partial class MemoryServerFixture
{
    /// <summary>A server behind <paramref name="keys"/> and Entra ID tokens signed by <paramref name="issuer"/>'s key (no network).</summary>
    public WebApplicationFactory<Program> CreateFactory(IEnumerable<TestKey> keys, TestTokenIssuer issuer) =>
        CreateFactory(
            TestKeys.Settings(keys, entra: true),
            services => services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(issuer.Metadata)));
}
