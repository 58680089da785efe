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
    /// Health is open. Every other handler checks its caller itself, through <see cref="RequestScope"/>, so the Functions
    /// triggers that call the same handlers get the same checks; the Event Grid webhook included (an Event Grid
    /// subscription carries its key as <c>?code=</c> in its endpoint URL, or as a secret delivery header).
    /// </summary>
    public static RouteGroupBuilder MapMemoryHttpApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(RoutePrefix);
        api.AddEndpointFilter<RouteGroupBuilder, DotSegmentEndpointFilter>();
        api.MapHealthApi();

        api.MapMemoryApi();
        api.MapImportApi();
        api.MapSearchApi();
        api.MapUserApi();
        api.MapUserListApi();
        api.MapIngestionApi();
        api.MapOperationListApi();
        api.MapAuditApi();
        api.MapEventGridApi(routePrefix: string.Empty);
        return api;
    }
}
