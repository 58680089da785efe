using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// The users of the request's tenant, in user-id order, a page at a time (the inspector's user picker). The read role, as
/// for any user's memories: a credential that reaches the whole tenant may read every user anyway, so their ids tell it
/// nothing it could not probe for. A credential bound to one user is refused (403): it must not learn who else exists.
/// </summary>
public static class UserListApi
{
    public static RouteHandlerBuilder MapUserListApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/users", ListUsersAsync).WithName("ListUsers").WithTags("Users")
            .WithQuery("pageSize", "integer", "Users per page (default and maximum as for memories).")
            .WithQuery("cursor", "string", "The previous page's nextCursor, unchanged.")
            .ProducesCommonProblems();
    }

    public static async Task<Results<Ok<UserListResponse>, ProblemHttpResult>> ListUsersAsync(
        HttpRequest request, [FromServices] ITenantUsers users, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(services);
        var (tenant, problem) = await RequestScope.ResolveTenantAsync(request, MemoryRole.Read, services.Authenticator, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ScopedCall.OverRequestQuota(request, tenant!, services) is { } throttled)
        {
            return throttled;
        }

        var scope = CursorCodec.ForTenant(tenant!);
        var errors = new ValidationErrors();
        var (pageSize, after) = QueryParser.ParsePage(request.Query, scope, services.Limits, services.Cursors, "this tenant's users", errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var page = await users.ListUsersAsync(tenant!, pageSize, after, cancellationToken);
        return TypedResults.Ok(new UserListResponse([.. page.Items.Select(user => new UserSummaryResponse(user))], services.Cursors.Encode(scope, page.ContinuationToken)));
    }
}
