using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>The users of the request's tenant, delegating to <see cref="UserListApi"/>.</summary>
public sealed class UserListHttpTrigger(ITenantUsers users, MemoryApiServices services)
{
    [Function("ListUsers")]
    public async Task<IResult> ListUsersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Users)] HttpRequest request, CancellationToken cancellationToken) =>
        await UserListApi.ListUsersAsync(request, users, services, cancellationToken);
}
