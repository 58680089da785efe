using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// Issue 25, symptom 9, on the Functions host: a signed Entra token whose tenant or user claim is <c>me</c> (the routes'
/// alias for the caller's own user) is refused by the worker like a token without the claim. Without the check the token
/// would name tenant "me", or a user whose own id is the alias, and its caller would be served.
/// </summary>
public sealed class SelfAliasTokenTriggerTests : IDisposable
{
    private readonly TestTokenIssuer _issuer = new();

    public void Dispose() => _issuer.Dispose();

    [Fact]
    public async Task ListMemories_TokenWhoseTidOrOidIsMe_401WhileTheSameTokenWithRealIdsIsServed()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services =>
        {
            var settings = new ConfigurationBuilder().AddInMemoryCollection(TestTokenIssuer.Settings()).Build();
            services.Configure<MemoryAuthOptions>(options => settings.GetSection(MemoryAuthOptions.SectionName).Bind(options));
            services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(_issuer.Metadata));
        });
        var triggers = new MemoryHttpTriggers(host.Services.GetRequiredService<MemoryApiServices>());

        async Task<int> ListAsync(string token)
        {
            var context = TriggerRequests.Create(host.Services, "GET");
            context.Request.Headers.Authorization = "Bearer " + token;
            return (await TriggerRequests.ExecuteAsync(await triggers.ListMemoriesAsync(context.Request, RequestScope.SelfAlias, CancellationToken.None), context)).Status;
        }

        Assert.Equal(StatusCodes.Status200OK, await ListAsync(_issuer.Delegated("tid-a", "oid-1")));
        Assert.Equal(StatusCodes.Status401Unauthorized, await ListAsync(_issuer.Delegated(RequestScope.SelfAlias, "oid-1")));
        Assert.Equal(StatusCodes.Status401Unauthorized, await ListAsync(_issuer.Delegated("tid-a", RequestScope.SelfAlias)));
        Assert.Equal(StatusCodes.Status401Unauthorized, await ListAsync(_issuer.Delegated(RequestScope.SelfAlias, RequestScope.SelfAlias)));
    }
}
