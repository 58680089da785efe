using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Http;

/// <summary>
/// Ingestion: <c>POST users/{userId}/messages</c> (202 + <c>Location: /api/operations/{operationId}</c>) and the
/// operation status. Each trigger binds the Durable client for the <c>IngestionService</c> of its invocation
/// (<see cref="DurableIngestion"/>); reads never start anything, but the handlers take the service whole.
/// </summary>
public sealed class IngestionHttpTriggers(DurableIngestion ingestion, MemoryApiServices services)
{
    [Function("SubmitMessages")]
    public async Task<IResult> SubmitMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Messages)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        await IngestionApi.SubmitMessagesAsync(request, userId, ingestion.For(durableClient), services, cancellationToken);

    [Function("GetOperation")]
    public async Task<IResult> GetOperationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Operation)] HttpRequest request, string operationId, [DurableClient] DurableTaskClient durableClient, CancellationToken cancellationToken) =>
        await IngestionApi.GetOperationAsync(request, operationId, ingestion.For(durableClient), services, cancellationToken);

    [Function("GetUserOperation")]
    public async Task<IResult> GetUserOperationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.UserOperation)] HttpRequest request, string userId, string operationId, [DurableClient] DurableTaskClient durableClient, CancellationToken cancellationToken) =>
        await IngestionApi.GetUserOperationAsync(request, userId, operationId, ingestion.For(durableClient), services, cancellationToken);
}
