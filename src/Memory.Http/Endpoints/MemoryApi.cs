using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.OpenApi;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Direct memory CRUD under <c>/users/{userId}/memories</c>. Handlers read their own bodies and query strings so that an
/// Azure Functions trigger can call them with the trigger's <see cref="HttpRequest"/> and get identical behaviour.
/// </summary>
public static partial class MemoryApi
{
    private const string IfMatch = "If-Match";
    private const string IfMatchDescription = "The memory's ETag as last read: the change applies only if nobody changed it since (412 otherwise).";

    public static RouteGroupBuilder MapMemoryApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapGroup("/users/{userId}/memories").WithTags("Memories");
        group.MapPost(string.Empty, CreateMemoryAsync).WithName("CreateMemory")
            .Accepts<CreateMemoryRequest>("application/json").ProducesBodyProblems();
        group.MapGet(string.Empty, ListMemoriesAsync).WithName("ListMemories").ProducesCommonProblems().WithListMemoriesQuery();
        group.MapGet("/{id}", GetMemoryAsync).WithName("GetMemory")
            .WithQuery("includeEmbedding", "boolean", "Include the embedding vector (default false).").ProducesCommonProblems().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", UpdateMemoryAsync).WithName("UpdateMemory")
            .Accepts<UpdateMemoryRequest>("application/json", "application/merge-patch+json").ProducesBodyProblems().WithHeader(IfMatch, IfMatchDescription)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id}", DeleteMemoryAsync).WithName("DeleteMemory")
            .ProducesCommonProblems().WithHeader(IfMatch, IfMatchDescription)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id}/history", GetHistoryAsync).WithName("GetMemoryHistory")
            .ProducesCommonProblems().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>POST: 201 with Location for a new memory; 200 with the stored one when identical content already exists.</summary>
    public static Task<Results<Created<MemoryResponse>, Ok<MemoryResponse>, ProblemHttpResult>> CreateMemoryAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<CreateMemoryRequest, Created<MemoryResponse>, Ok<MemoryResponse>>(
            request, new(userId, MemoryRole.Write, Adds: AdmittedWrite.Memory), services, RequestValidator.Validate, async (partition, input) =>
            {
                var result = await services.Memories.AddAsync(partition, input.ToDraft(), cancellationToken);
                var memory = MemoryResponse.From(result.Memory!);
                request.HttpContext.Response.Headers.ETag = memory.ETag;
                return result.Status == WriteStatus.Written
                    ? TypedResults.Created(MemoryLocation(userId, memory.Id), memory)
                    : TypedResults.Ok(memory);
            },
            cancellationToken);

    /// <summary>GET list: filters kind (repeatable), agentId, sessionId, tag (repeatable), includeSuperseded, asOf; pageSize + cursor.</summary>
    public static Task<Results<Ok<MemoryListResponse>, ProblemHttpResult>> ListMemoriesAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<Ok<MemoryListResponse>>(request, new(userId, MemoryRole.Read), services, async partition =>
        {
            var errors = new ValidationErrors();
            var query = QueryParser.ParseList(request.Query, partition, services.Limits, services.Cursors, services.TimeProvider.GetUtcNow(), errors);
            if (query is null)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            Page<MemoryRecord> page;
            try
            {
                page = await services.Memories.ListAsync(partition, query.Filter, query.PageSize, query.ContinuationToken, cancellationToken);
            }
            catch (InvalidContinuationTokenException)
            {
                return ApiProblems.Validation(
                    "cursor", "The store no longer accepts this cursor (it reorganised its data, or the filters changed since the first page); restart the listing without 'cursor'.");
            }

            var items = page.Items.Select(memory => MemoryResponse.From(memory, query.IncludeEmbedding)).ToList();
            return TypedResults.Ok(new MemoryListResponse(items, services.Cursors.Encode(partition, page.ContinuationToken)));
        },
        cancellationToken);

    /// <summary>GET one memory, with its ETag in the <c>ETag</c> header for a later <c>If-Match</c>.</summary>
    public static Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> GetMemoryAsync(
        HttpRequest request, string userId, string id, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<Ok<MemoryResponse>>(request, new(userId, MemoryRole.Read, id), services, async partition =>
        {
            var errors = new ValidationErrors();
            var includeEmbedding = QueryParser.Flag(request.Query, "includeEmbedding", errors);
            if (!errors.IsEmpty)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            var memory = await services.Memories.GetAsync(partition, id, cancellationToken);
            if (memory is null)
            {
                return ApiProblems.MemoryNotFound(id);
            }

            var response = MemoryResponse.From(memory, includeEmbedding);
            request.HttpContext.Response.Headers.ETag = response.ETag;
            return TypedResults.Ok(response);
        },
        cancellationToken);

    private static string MemoryLocation(string userId, string id) =>
        $"/api/users/{Uri.EscapeDataString(userId)}/memories/{Uri.EscapeDataString(id)}";
}
