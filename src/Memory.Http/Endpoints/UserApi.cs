using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
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
                export.Memories.Select(memory => MemoryResponse.From(memory, includeEmbedding: true)).ToList(),
                export.History.Select(HistoryEventResponse.From).ToList(),
                export.Operations.Select(OperationResponse.From).ToList()));
        },
        cancellationToken);

    /// <summary>DELETE the user: memories, history and operations are erased for good; 200 with the counts.</summary>
    public static Task<Results<Ok<UserErasureResponse>, ProblemHttpResult>> EraseUserAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return EraseUserUsingAsync(request, userId, services, services.Memories.EraseAsync, cancellationToken);
    }

    /// <summary>
    /// The erase with a host's own steps around the store's (the Functions app stops and purges the user's Durable
    /// instances): one audit record covers all of it, its outcome written once <paramref name="erase"/> has returned or thrown.
    /// A request the scope rule rejects touches nothing and is not audited (docs/security.md, "Audit of admin actions", says why).
    /// </summary>
    public static Task<Results<Ok<UserErasureResponse>, ProblemHttpResult>> EraseUserUsingAsync(
        HttpRequest request, string userId, MemoryApiServices services, Func<MemoryPartition, CancellationToken, Task<UserErasure>> erase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erase);
        return ScopedCall.RunAsync<Ok<UserErasureResponse>>(request, new(userId, MemoryRole.Admin), services, async partition =>
        {
            var erased = await services.Audit.RunAsync(
                AuditCallers.Of(request.HttpContext), AuditAction.EraseUser, partition, token => erase(partition, token), AuditDetails.Of, cancellationToken);
            return TypedResults.Ok(new UserErasureResponse(erased.MemoriesErased, erased.OperationsErased));
        },
        cancellationToken);
    }
}
