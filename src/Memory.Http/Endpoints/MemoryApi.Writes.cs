using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemoryFunctions.Http.Endpoints;

public static partial class MemoryApi
{
    /// <summary>PATCH: partial update; honours <c>If-Match</c> (412 on mismatch). 409 when a concurrent write won the race.</summary>
    public static Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> UpdateMemoryAsync(
        HttpRequest request, string userId, string id, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<UpdateMemoryRequest, Ok<MemoryResponse>>(
            request, new(userId, MemoryRole.Write, id), services, RequestValidator.Validate, async (partition, input) =>
            {
                var precondition = await CheckIfMatchAsync(request, partition, id, services, cancellationToken);
                if (precondition.Problem is not null)
                {
                    return precondition.Problem;
                }

                var patch = new MemoryPatch
                {
                    Text = input.Text?.Trim(),
                    Kind = input.Kind,
                    Metadata = input.Metadata,
                    Tags = input.Tags?.Distinct(StringComparer.Ordinal).ToList(),
                    Confidence = input.Confidence,
                    Importance = input.Importance,
                    ExpiresAt = input.ExpiresAt,
                    ValidTo = input.ValidTo,
                };
                var result = await services.Memories.UpdateAsync(partition, id, patch, precondition.ExpectedETag, cancellationToken);
                return result.Status switch
                {
                    WriteStatus.Written => Written(request, result.Memory!),
                    WriteStatus.NotFound => ApiProblems.MemoryNotFound(id),
                    WriteStatus.PreconditionFailed when precondition.ExpectedETag is not null => PreconditionFailed(request, id, result.Memory),
                    _ => ApiProblems.Conflict(id),
                };
            },
            cancellationToken);

    /// <summary>DELETE one memory (its history stays); honours <c>If-Match</c>. 204 on success.</summary>
    public static Task<Results<NoContent, ProblemHttpResult>> DeleteMemoryAsync(
        HttpRequest request, string userId, string id, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<NoContent>(request, new(userId, MemoryRole.Write, id), services, async partition =>
        {
            var precondition = await CheckIfMatchAsync(request, partition, id, services, cancellationToken);
            if (precondition.Problem is not null)
            {
                return precondition.Problem;
            }

            var result = await services.Memories.DeleteAsync(partition, id, precondition.ExpectedETag, cancellationToken);
            return result.Status switch
            {
                WriteStatus.Written => TypedResults.NoContent(),
                WriteStatus.NotFound => ApiProblems.MemoryNotFound(id),
                WriteStatus.PreconditionFailed when precondition.ExpectedETag is not null => PreconditionFailed(request, id, result.Memory),
                _ => ApiProblems.Conflict(id),
            };
        },
        cancellationToken);

    /// <summary>GET the audit trail of one memory, oldest first; 404 only when the memory never existed (or was erased).</summary>
    public static Task<Results<Ok<MemoryHistoryResponse>, ProblemHttpResult>> GetHistoryAsync(
        HttpRequest request, string userId, string id, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<Ok<MemoryHistoryResponse>>(request, new(userId, MemoryRole.Read, id), services, async partition =>
        {
            var events = await services.Memories.GetHistoryAsync(partition, id, cancellationToken);
            if (events.Count == 0 && await services.Memories.GetAsync(partition, id, cancellationToken) is null)
            {
                return ApiProblems.MemoryNotFound(id);
            }

            return TypedResults.Ok(new MemoryHistoryResponse(id, events.Select(HistoryEventResponse.From).ToList()));
        },
        cancellationToken);

    /// <summary>
    /// Compares <c>If-Match</c> in HTTP terms (quoted, lists, <c>*</c>) against the current memory, then hands the store's
    /// own ETag to Core, whose conditional write keeps the check atomic. Costs one point read, only when the header is sent.
    /// </summary>
    private static async Task<(string? ExpectedETag, ProblemHttpResult? Problem)> CheckIfMatchAsync(
        HttpRequest request, MemoryPartition partition, string id, MemoryApiServices services, CancellationToken cancellationToken)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return (null, null);
        }

        var current = await services.Memories.GetAsync(partition, id, cancellationToken);
        if (current is null)
        {
            return (null, ApiProblems.MemoryNotFound(id));
        }

        // RFC 9110 §13.1.1: "*" matches any current representation, so it must not be pinned to the version read here (a
        // concurrent write would then fail it with 412): the write goes on unconditionally, as without the header.
        if (EntityTags.IsWildcard(ifMatch.ToString()))
        {
            return (null, null);
        }

        return EntityTags.Matches(ifMatch.ToString(), current.ETag)
            ? (current.ETag, null)
            : (null, PreconditionFailed(request, id, current));
    }

    private static ProblemHttpResult PreconditionFailed(HttpRequest request, string id, MemoryRecord? current)
    {
        var etag = current is null ? null : EntityTags.ToHeader(current.ETag);
        if (etag is not null)
        {
            request.HttpContext.Response.Headers.ETag = etag;
        }

        return ApiProblems.PreconditionFailed(id, etag);
    }

    private static Ok<MemoryResponse> Written(HttpRequest request, MemoryRecord memory)
    {
        var response = MemoryResponse.From(memory);
        request.HttpContext.Response.Headers.ETag = response.ETag;
        return TypedResults.Ok(response);
    }
}
