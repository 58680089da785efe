using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Http;

/// <summary>Whole-user export and erasure, delegating to <see cref="UserApi"/>; erasure also removes Durable history.</summary>
public sealed class UserHttpTriggers(MemoryApiServices services, DurableIngestion durable)
{
    [Function("ExportUser")]
    public async Task<IResult> ExportUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Export)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.ExportUserAsync(request, userId, services, cancellationToken);

    /// <summary>
    /// Through the shared handler (scope rule, audit record): the store's erase is acknowledged here (nothing of the user is
    /// readable from the answer on), and the rest, deleting the store's documents and purging the user's orchestration
    /// history, runs in the erase orchestration: 202 with the operation to poll, whose end writes the audit outcome. A
    /// request the handler rejects (bad id, tenant, a credential that may not erase this user) touches nothing.
    /// </summary>
    [Function("EraseUser")]
    public async Task<IResult> EraseUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.User)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        await UserApi.EraseUserAsync(request, userId, durable.ErasureFor(durableClient), services, cancellationToken);
}
