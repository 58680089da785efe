using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>Search and context, delegating to <see cref="SearchApi"/>.</summary>
public sealed class RetrievalHttpTriggers(MemoryApiServices services)
{
    [Function("SearchMemories")]
    public async Task<IResult> SearchAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Search)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await SearchApi.SearchAsync(request, userId, services, cancellationToken);

    [Function("BuildContext")]
    public async Task<IResult> BuildContextAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Context)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await SearchApi.BuildContextAsync(request, userId, services, cancellationToken);
}
