using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Maps the whole HTTP contract under <c>/api</c>, the Azure Functions default route prefix.</summary>
public static class MemoryHttpEndpoints
{
    public const string RoutePrefix = "/api";

    /// <summary>
    /// Health stays outside the keyed group. Everything else is keyed; the ingestion routes (<c>POST /users/{userId}/messages</c>,
    /// <c>GET /operations/{id}</c>) and the Event Grid webhook slot into <see cref="MapMemoryHttpApi"/>'s keyed group next to these.
    /// </summary>
    public static RouteGroupBuilder MapMemoryHttpApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(RoutePrefix);
        api.MapHealthApi();

        var keyed = api.MapGroup(string.Empty).RequireMemoryApiKey();
        keyed.MapMemoryApi();
        keyed.MapSearchApi();
        keyed.MapUserApi();
        return keyed;
    }
}
