using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Callbacks;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Asynchronous ingestion: submit conversation turns (202 + the operation to poll) and read an operation's status.
/// An operation is found only under the user (and tenant) that submitted it.
/// </summary>
public static class IngestionApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 128;

    public static RouteGroupBuilder MapIngestionApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/users/{userId}/messages", SubmitMessagesAsync).WithName("SubmitMessages").WithTags("Ingestion")
            .Accepts<SubmitMessagesRequest>("application/json").ProducesBodyProblems().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithHeader(IdempotencyKeyHeader, $"Optional, at most {MaxIdempotencyKeyLength} printable characters: a repeat returns the first operation; the same key with another body is refused (422).");
        api.MapGet("/operations/{operationId}", GetOperationAsync).WithName("GetOperation").WithTags("Ingestion")
            .WithQuery("userId", "string", "The user who submitted the operation (the Location header of the submission carries it).", required: true)
            .ProducesCommonProblems().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/users/{userId}/operations/{operationId}", GetUserOperationAsync).WithName("GetUserOperation").WithTags("Ingestion")
            .ProducesCommonProblems().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// POST: persists a queued operation before answering (an acknowledged request is never lost) and starts the workflow.
    /// A repeated <c>Idempotency-Key</c> returns the first operation instead of starting a second one; the same key with a
    /// different body is refused with 422 (the key is bound to a fingerprint of the first body).
    /// </summary>
    public static Task<Results<Accepted<OperationResponse>, ProblemHttpResult>> SubmitMessagesAsync(
        HttpRequest request, string userId, IngestionService ingestion, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        return ScopedCall.RunAsync<SubmitMessagesRequest, Accepted<OperationResponse>>(
            request, new(userId, MemoryRole.Write, Adds: AdmittedWrite.Operation), services, RequestValidator.Validate, async (partition, input) =>
            {
                var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
                if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl))
                {
                    return ApiProblems.Validation(IdempotencyKeyHeader, $"{IdempotencyKeyHeader} must be at most {MaxIdempotencyKeyLength} printable characters; a UUID works well.");
                }

                if (idempotencyKey.StartsWith(EventGridIdempotencyKeys.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return ApiProblems.Validation(
                        IdempotencyKeyHeader, $"{IdempotencyKeyHeader} must not start with '{EventGridIdempotencyKeys.Prefix}': that prefix is reserved for keys derived from Event Grid events. A UUID works well.");
                }

                // The request's callbackUrl wins; without one, the key's configured default (checked by the same rule).
                var keyDefault = input.CallbackUrl is null ? request.HttpContext.Features.Get<MemoryCaller>()?.CallbackUrl : null;
                var callbackUrl = input.CallbackUrl ?? keyDefault;
                if (callbackUrl is not null && CheckCallbackUrl(request, callbackUrl) is { } callbackProblem)
                {
                    return ApiProblems.Validation(
                        "callbackUrl", keyDefault is null ? callbackProblem : $"The key's default callback URL (Memory:Auth:Keys, CallbackUrl) is refused: {callbackProblem} Send a callbackUrl, or ask the operator to fix the key.");
                }

                var messageIdPrefix = idempotencyKey.Length > 0 ? MemoryIds.ContentHash(idempotencyKey)[..12] : "msg";
                if (!TurnRules.TryCreate(
                    ConversationEventMessage.ToDrafts(input.Messages), input.AgentId, input.SessionId, input.Metadata, messageIdPrefix, services.TimeProvider.GetUtcNow(), out var ingestionRequest, out var error))
                {
                    return ApiProblems.Validation(error!.Value.Field, error.Value.Message);
                }

                ingestionRequest = ingestionRequest! with { CallbackUrl = callbackUrl };
                var submission = idempotencyKey.Length > 0
                    ? await ingestion.SubmitAsync(partition, ingestionRequest!, idempotencyKey, Fingerprint(input), [LegacyFingerprint(input)], cancellationToken)
                    : await ingestion.SubmitAsync(partition, ingestionRequest!, null, cancellationToken: cancellationToken);
                if (submission.KeyReused)
                {
                    return ApiProblems.IdempotencyKeyReused(submission.Operation.Id);
                }

                if (!submission.Created)
                {
                    ScopedCall.AddedNothing(request);
                }

                return TypedResults.Accepted(OperationLocation(submission.Operation.Id, partition.UserId), OperationResponse.From(submission.Operation));
            },
            cancellationToken);
    }

    /// <summary>GET <c>/api/operations/{operationId}?userId=…</c>: the URL a submission's <c>Location</c> header points at.</summary>
    public static async Task<Results<Ok<OperationResponse>, ProblemHttpResult>> GetOperationAsync(
        HttpRequest request, string operationId, IngestionService ingestion, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var userId = request.Query["userId"].ToString();
        if (userId.Length == 0)
        {
            // Who is asking comes first: without a credential the answer is 401, whatever the query lacks.
            var (_, unauthorized) = await services.Authenticator.AuthenticateAsync(request.HttpContext, cancellationToken);
            return unauthorized ?? ApiProblems.Validation("userId", "userId is required as a query parameter: operations are visible only to the user who submitted them.");
        }

        return await GetUserOperationAsync(request, userId, operationId, ingestion, services, cancellationToken);
    }

    /// <summary>GET <c>/api/users/{userId}/operations/{operationId}</c>: status, progress, decisions or the error.</summary>
    public static Task<Results<Ok<OperationResponse>, ProblemHttpResult>> GetUserOperationAsync(
        HttpRequest request, string userId, string operationId, IngestionService ingestion, MemoryApiServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ingestion);
        return ScopedCall.RunAsync<Ok<OperationResponse>>(request, new(userId, MemoryRole.Read), services, async partition =>
        {
            if (!IdRules.IsValid(operationId))
            {
                return ApiProblems.Validation("operationId", IdRules.Describe("operationId"));
            }

            var operation = await ingestion.GetOperationAsync(partition, operationId, cancellationToken);
            return operation is null ? ApiProblems.OperationNotFound(operationId) : TypedResults.Ok(OperationResponse.From(operation));
        },
        cancellationToken);
    }

    /// <summary>
    /// Null when the host sends completion callbacks and <paramref name="url"/> passes <see cref="CallbackUrlRule"/>; else
    /// why not. A host without callbacks (the Functions app) refuses the field rather than accept a URL it would never call.
    /// </summary>
    private static string? CheckCallbackUrl(HttpRequest request, string url) =>
        request.HttpContext.RequestServices.GetService<CompletionCallbackSender>() is not { } sender
            ? "callbackUrl is not supported by this host (it sends no completion callbacks); poll the operation's Location or list the user's operations."
            : CallbackUrlRule.Check(url, sender.Settings);

    /// <summary>
    /// The request fingerprint the Idempotency-Key draft binds a key to: the canonical JSON (RFC 8785) of the body as
    /// parsed, so white space, escapes and member order (of metadata too) do not matter, while any changed value does.
    /// </summary>
    private static string Fingerprint(SubmitMessagesRequest body) =>
        CanonicalJson.Fingerprint(JsonSerializer.SerializeToElement(body, MemoryJson.Options));

    /// <summary>
    /// The fingerprint operations stored before <see cref="CanonicalJson.FingerprintVersion"/> (member order as sent), still
    /// accepted for their retries. Remove once no unfinished operation can carry one (they are kept with the operation).
    /// </summary>
    private static string LegacyFingerprint(SubmitMessagesRequest body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body)));

    public static string OperationLocation(string operationId, string userId) =>
        string.Create(CultureInfo.InvariantCulture, $"{MemoryHttpEndpoints.RoutePrefix}/operations/{Uri.EscapeDataString(operationId)}?userId={Uri.EscapeDataString(userId)}");
}
