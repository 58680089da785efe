using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>Every (method, route pattern) the app maps, read from its <see cref="EndpointDataSource"/>: tests built on it cover routes added later.</summary>
public static class MappedRoutes
{
    /// <summary>Patterns as <c>/api/users/{userId}/memories</c>: one leading slash, no trailing one.</summary>
    public static IReadOnlyList<(string Method, string Pattern)> Of(IServiceProvider services) =>
        [.. Named(services).Select(route => (route.Method, route.Pattern))];

    /// <summary>With each endpoint's name, or <c>METHOD pattern</c> for an unnamed one.</summary>
    public static IReadOnlyList<(string Name, string Method, string Pattern)> Named(IServiceProvider services) =>
    [
        .. from endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
           from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]
           let pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/')
           select (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{method} {pattern}", method, pattern),
    ];
}
