using MemoryFunctions.Http.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary><c>GET /health</c>: always anonymous, so load balancers and <c>azd</c> probes need no key.</summary>
public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/health", GetHealth).WithName("Health").WithTags("Health");
    }

    public static Ok<HealthResponse> GetHealth(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return TypedResults.Ok(new HealthResponse("healthy", timeProvider.GetUtcNow()));
    }
}
