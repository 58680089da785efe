using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Whole-user operations: export (data portability) and erasure (right to be forgotten), each audited (<see cref="AdminAudit"/>).</summary>
public static class UserApi
{
    public static RouteGroupBuilder MapUserApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapGroup("/users/{userId}").WithTags("Users");
        group.MapGet("/export", ExportUserAsync).WithName("ExportUser").ProducesCommonProblems();
        group.MapDelete(string.Empty, EraseUserAsync).WithName("EraseUser").ProducesCommonProblems();
        return group;
    }

    /// <summary>GET export: every memory (superseded ones and embeddings included), all history and all operations of the user.</summary>
    public static Task<Results<Ok<UserExportResponse>, ProblemHttpResult>> ExportUserAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<Ok<UserExportResponse>>(request, new(userId, MemoryRole.Admin), services, async partition =>
        {
            var export = await services.Audit.RunAsync(
                AuditCallers.Of(request.HttpContext), AuditAction.ExportUser, partition, token => services.Memories.ExportAsync(partition, token), AuditDetails.Of, cancellationToken);
            return TypedResults.Ok(new UserExportResponse(
                export.TenantId,
                export.UserId,
                export.ExportedAt,
                export.Memories.Select(MemoryResponse.ForExport).ToList(),
                export.History.Select(HistoryEventResponse.From).ToList(),
                export.Operations.Select(OperationResponse.From).ToList()));
        },
        cancellationToken);

    /// <summary>
    /// DELETE the user: memories, history and operations are erased for good. 200 with the counts when the erase finished at
    /// once (the embedded store); 202 with the erase operation and its <c>Location</c> when deleting goes on in the background
    /// (Cosmos DB, the Functions app). Either way nothing of the user is readable from this answer on, and one audit record
    /// covers the erase, its outcome written when it really ends. Each host passes its own <paramref name="erasure"/> (the
    /// Functions app's purges the user's Durable instances too). A request the scope rule rejects touches nothing and is not
    /// audited (docs/security.md, "Audit of admin actions", says why).
    /// </summary>
    public static Task<Results<Ok<UserErasureResponse>, Accepted<OperationResponse>, ProblemHttpResult>> EraseUserAsync(
        HttpRequest request, string userId, UserErasureService erasure, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        return ScopedCall.RunAsync<Ok<UserErasureResponse>, Accepted<OperationResponse>>(request, new(userId, MemoryRole.Admin), services, async partition =>
        {
            var result = await erasure.EraseAsync(AuditCallers.Of(request.HttpContext), partition, cancellationToken);
            return result.Operation is { } operation
                ? TypedResults.Accepted(IngestionApi.OperationLocation(operation.Id, partition.UserId), OperationResponse.From(operation))
                : TypedResults.Ok(new UserErasureResponse(result.Erased!.MemoriesErased, result.Erased.OperationsErased));
        },
        cancellationToken);
    }
}
