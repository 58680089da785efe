using MemoryFunctions.Http.EventGrid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Maps the whole HTTP contract under <c>/api</c>, the Azure Functions default route prefix.</summary>
public static class MemoryHttpEndpoints
{
    public const string RoutePrefix = "/api";

    /// <summary>
    /// Health stays outside the keyed group. Everything else is keyed, the Event Grid webhook included: an Event Grid
    /// subscription carries the key as <c>?code=</c> in its endpoint URL, as it does for a Functions endpoint.
    /// </summary>
    public static RouteGroupBuilder MapMemoryHttpApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(RoutePrefix);
        api.AddEndpointFilter<RouteGroupBuilder, DotSegmentEndpointFilter>();
        api.MapHealthApi();

        var keyed = api.MapGroup(string.Empty).RequireMemoryApiKey();
        keyed.MapMemoryApi();
        keyed.MapSearchApi();
        keyed.MapUserApi();
        keyed.MapIngestionApi();
        keyed.MapEventGridApi(routePrefix: string.Empty);
        return keyed;
    }
}
