using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Http;

/// <summary>
/// Memory CRUD and history: each trigger hands the request to the same <see cref="MemoryApi"/> handler the local server
/// maps, and returns its <see cref="IResult"/>, which the ASP.NET Core integration executes on the response.
/// </summary>
public sealed class MemoryHttpTriggers(MemoryApiServices services)
{
    [Function("CreateMemory")]
    public async Task<IResult> CreateMemoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Memories)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await MemoryApi.CreateMemoryAsync(request, userId, services, cancellationToken);

    /// <summary>The bulk import streams its body and its report; the Functions host's own request limit (100 MB) applies too.</summary>
    [Function("ImportMemories")]
    public async Task<IResult> ImportMemoriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Imports)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await ImportApi.ImportMemoriesAsync(request, userId, services, cancellationToken);

    [Function("ListMemories")]
    public async Task<IResult> ListMemoriesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Memories)] HttpRequest request, string userId, CancellationToken cancellationToken) =>
        await MemoryApi.ListMemoriesAsync(request, userId, services, cancellationToken);

    [Function("GetMemory")]
    public async Task<IResult> GetMemoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Memory)] HttpRequest request, string userId, string id, CancellationToken cancellationToken) =>
        await MemoryApi.GetMemoryAsync(request, userId, id, services, cancellationToken);

    [Function("UpdateMemory")]
    public async Task<IResult> UpdateMemoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = FunctionRoutes.Memory)] HttpRequest request, string userId, string id, CancellationToken cancellationToken) =>
        await MemoryApi.UpdateMemoryAsync(request, userId, id, services, cancellationToken);

    [Function("DeleteMemory")]
    public async Task<IResult> DeleteMemoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.Memory)] HttpRequest request, string userId, string id, CancellationToken cancellationToken) =>
        await MemoryApi.DeleteMemoryAsync(request, userId, id, services, cancellationToken);

    [Function("GetMemoryHistory")]
    public async Task<IResult> GetHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.MemoryHistory)] HttpRequest request, string userId, string id, CancellationToken cancellationToken) =>
        await MemoryApi.GetHistoryAsync(request, userId, id, services, cancellationToken);
}
