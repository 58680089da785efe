using MemoryFunctions.Functions.Durable;
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
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionRoutes.Export)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.ExportUserAsync(request, userId, services, cancellationToken);

    /// <summary>
    /// Stops the user's orchestrations, erases the store through the shared handler, then purges their history. A
    /// request the handler rejects (bad id, tenant) touches nothing: the partition is resolved by the same rule first.
    /// </summary>
    [Function("EraseUser")]
    public async Task<IResult> EraseUserAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = FunctionRoutes.User)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        if (!RequestScope.TryResolve(request, userId, out var partition, out var problem))
        {
            return problem;
        }

        var instanceIds = await durableErasure.StopAsync(durableClient, partition, cancellationToken);
        var result = await UserApi.EraseUserAsync(request, userId, services, cancellationToken);
        await durableErasure.PurgeAsync(durableClient, instanceIds, cancellationToken);
        return result;
    }
}
