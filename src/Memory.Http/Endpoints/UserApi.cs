using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Whole-user operations: export (data portability) and erasure (right to be forgotten).</summary>
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
    public static async Task<Results<Ok<UserExportResponse>, ProblemHttpResult>> ExportUserAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var scope = await RequestScope.ResolveAsync(request, userId, MemoryRole.Admin, services.Authenticator, cancellationToken);
        if (scope.Problem is not null)
        {
            return scope.Problem;
        }

        var partition = scope.Partition;

        var export = await services.Memories.ExportAsync(partition, cancellationToken);
        return TypedResults.Ok(new UserExportResponse(
            export.TenantId,
            export.UserId,
            export.ExportedAt,
            export.Memories.Select(memory => MemoryResponse.From(memory, includeEmbedding: true)).ToList(),
            export.History.Select(HistoryEventResponse.From).ToList(),
            export.Operations.Select(OperationResponse.From).ToList()));
    }

    /// <summary>DELETE the user: memories, history and operations are erased for good; 200 with the counts.</summary>
    public static async Task<Results<Ok<UserErasureResponse>, ProblemHttpResult>> EraseUserAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var scope = await RequestScope.ResolveAsync(request, userId, MemoryRole.Admin, services.Authenticator, cancellationToken);
        if (scope.Problem is not null)
        {
            return scope.Problem;
        }

        var partition = scope.Partition;

        var erased = await services.Memories.EraseAsync(partition, cancellationToken);
        return TypedResults.Ok(new UserErasureResponse(erased.MemoriesErased, erased.OperationsErased));
    }
}
