using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>Whole-user export and erasure, delegating to <see cref="UserApi"/>.</summary>
public sealed class UserHttpTriggers(MemoryApiServices services)
{
    [Function("ExportUser")]
    public async Task<IResult> ExportUserAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionRoutes.Export)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.ExportUserAsync(request, userId, services, cancellationToken);

    [Function("EraseUser")]
    public async Task<IResult> EraseUserAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = FunctionRoutes.User)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await UserApi.EraseUserAsync(request, userId, services, cancellationToken);
}
