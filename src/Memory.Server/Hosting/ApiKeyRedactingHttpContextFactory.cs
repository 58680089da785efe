using MemoryFunctions.Http.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// Moves the <c>?code=</c> API key out of the request's query string (and raw target) into a
/// <see cref="PresentedApiKeyFeature"/> as each request's context is created. This is the only hook that runs before
/// ASP.NET Core's hosting diagnostics log the request line with its query string, which every log provider (console,
/// OTLP, …) would otherwise receive, keys included. Middleware would come too late.
/// </summary>
internal sealed class ApiKeyRedactingHttpContextFactory(IServiceProvider services) : IHttpContextFactory
{
    private readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        ArgumentNullException.ThrowIfNull(featureCollection);
        var request = featureCollection.Get<IHttpRequestFeature>();
        if (request is not null && ApiKeyQueryRedactor.TryRemoveKey(request.QueryString, out var remaining, out var key))
        {
            var queryStart = request.RawTarget.IndexOf('?', StringComparison.Ordinal);
            if (queryStart >= 0)
            {
                request.RawTarget = request.RawTarget[..queryStart] + remaining;
            }

            request.QueryString = remaining;
            featureCollection.Set(new PresentedApiKeyFeature(key));
        }

        return _inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);
}
