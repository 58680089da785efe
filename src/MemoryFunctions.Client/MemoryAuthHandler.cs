using System.Net.Http.Headers;
using Azure.Core;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Client;

/// <summary>
/// Adds the tenant, the function key and a bearer token to every attempt (inside the resilience handler, so a retry
/// after a long back-off gets a fresh token). Azure.Core's credentials cache tokens until shortly before they expire.
/// </summary>
internal sealed class MemoryAuthHandler(IOptionsMonitor<MemoryClientOptions> options) : DelegatingHandler
{
    internal const string TenantHeader = "x-tenant-id";
    internal const string FunctionKeyHeader = "x-functions-key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        if (!string.IsNullOrEmpty(settings.TenantId))
        {
            request.Headers.Remove(TenantHeader);
            request.Headers.Add(TenantHeader, settings.TenantId);
        }

        if (!string.IsNullOrEmpty(settings.FunctionKey))
        {
            request.Headers.Remove(FunctionKeyHeader);
            request.Headers.Add(FunctionKeyHeader, settings.FunctionKey);
        }

        if (settings.Credential is { } credential)
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([.. settings.Scopes]), cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
