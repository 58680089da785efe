using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Http;

/// <summary>Whole-user export and erasure, delegating to <see cref="UserApi"/>; erasure also removes Durable history.</summary>
public sealed class UserHttpTriggers(MemoryApiServices services, DurableUserErasure durableErasure)
{
    [Function("ExportUser")]
    public async Task<IResult> ExportUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Export)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.ExportUserAsync(request, userId, services, cancellationToken);

    /// <summary>
    /// Stops the user's orchestrations, erases the store through the shared handler, then purges their history. A
    /// request the handler rejects (bad id, tenant, a credential that may not erase this user) touches nothing: the
    /// partition is resolved and authorized by the same rule first.
    /// </summary>
    [Function("EraseUser")]
    public async Task<IResult> EraseUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.User)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        var scope = await RequestScope.ResolveAsync(request, userId, MemoryRole.Admin, services.Authenticator, cancellationToken);
        if (scope.Problem is not null)
        {
            return scope.Problem;
        }

        var instanceIds = await durableErasure.StopAsync(durableClient, scope.Partition, cancellationToken);
        var result = await UserApi.EraseUserAsync(request, userId, services, cancellationToken);
        await durableErasure.PurgeAsync(durableClient, instanceIds, cancellationToken);
        return result;
    }
}
