using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Services;
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
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Export)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.ExportUserAsync(request, userId, services, cancellationToken);

    /// <summary>
    /// Through the shared handler (scope rule, audit record): stops the user's orchestrations, erases the store, then
    /// purges their history. A request the handler rejects (bad id, tenant, a credential that may not erase this user)
    /// touches nothing. The erase completes here, not in an orchestration, so the audit outcome is known when this
    /// returns; a failed purge after the store's erase is recorded as <c>Failed</c> (the store's data is gone all the same).
    /// </summary>
    [Function("EraseUser")]
    public async Task<IResult> EraseUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.User)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        await UserApi.EraseUserUsingAsync(request, userId, services, (partition, token) => EraseWithInstancesAsync(durableClient, partition, token), cancellationToken);

    private async Task<UserErasure> EraseWithInstancesAsync(DurableTaskClient durableClient, MemoryPartition partition, CancellationToken cancellationToken)
    {
        var instanceIds = await durableErasure.StopAsync(durableClient, partition, cancellationToken);
        var erased = await services.Memories.EraseAsync(partition, cancellationToken);
        await durableErasure.PurgeAsync(durableClient, instanceIds, cancellationToken);
        return erased;
    }
}
