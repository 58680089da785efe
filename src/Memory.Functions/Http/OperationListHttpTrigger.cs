using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>A user's operations, newest first, delegating to <see cref="OperationListApi"/>.</summary>
public sealed class OperationListHttpTrigger(IOperationStore operations, MemoryApiServices services)
{
    [Function("ListOperations")]
    public async Task<IResult> ListOperationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.UserOperations)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await OperationListApi.ListOperationsAsync(request, userId, operations, services, cancellationToken);
}
