using MemoryFunctions.Core.Audit;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// The tenant's audit trail (who exported or erased which user, when, how it ended) for admins of the whole tenant, read
/// from the store the running server holds: the way to read it while the server runs (the <c>audit</c> verb calls it).
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/audit", ReadAuditAsync).WithName("ReadAudit").WithTags("Audit")
            .WithQuery("limit", "integer", $"Newest records first, at most this many (1..{MaxLimit}, default {DefaultLimit}).")
            .ProducesCommonProblems();
    }

    public static async Task<Results<Ok<AuditTrailResponse>, ProblemHttpResult>> ReadAuditAsync(
        HttpRequest request, [FromServices] IAuditLog audit, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(audit);
        return await TenantCall.RunAsync<Ok<AuditTrailResponse>>(request, MemoryRole.Admin, services, async tenant =>
        {
            var limit = DefaultLimit;
            var text = request.Query["limit"];
            if (text.Count > 0 && (text.Count > 1 || !int.TryParse(text.ToString(), out limit) || limit < 1 || limit > MaxLimit))
            {
                return ApiProblems.Validation("limit", $"'limit' must be a whole number from 1 to {MaxLimit}; omit it for {DefaultLimit}.");
            }

            return TypedResults.Ok(new AuditTrailResponse(tenant, await audit.ReadAsync(tenant, limit, cancellationToken)));
        }, cancellationToken);
    }
}
