using MemoryFunctions.Core.Services;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Http;

/// <summary>
/// Ingestion: <c>POST users/{userId}/messages</c> (202 + <c>Location: /api/operations/{operationId}</c>) and the
/// operation status. The submit trigger binds the Durable client so that <c>IngestionService</c> can start the
/// orchestration through <see cref="DurableWorkflowStarter"/>.
/// </summary>
public sealed class IngestionHttpTriggers(IngestionService ingestion, MemoryApiServices services, DurableClientHolder durableClients)
{
    [Function("SubmitMessages")]
    public async Task<IResult> SubmitMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FunctionRoutes.Messages)] HttpRequest request,
        string userId,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        durableClients.Use(durableClient);
        return await IngestionApi.SubmitMessagesAsync(request, userId, ingestion, services, cancellationToken);
    }

    [Function("GetOperation")]
    public async Task<IResult> GetOperationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionRoutes.Operation)] HttpRequest request, string operationId, CancellationToken cancellationToken) =>
        await IngestionApi.GetOperationAsync(request, operationId, ingestion, services, cancellationToken);

    [Function("GetUserOperation")]
    public async Task<IResult> GetUserOperationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionRoutes.UserOperation)] HttpRequest request, string userId, string operationId, CancellationToken cancellationToken) =>
        await IngestionApi.GetUserOperationAsync(request, userId, operationId, ingestion, services, cancellationToken);
}
