using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Contracts;
using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Json;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Retrieval under <c>/users/{userId}</c>: hybrid search and the prompt-ready context block.</summary>
public static class SearchApi
{
    /// <summary>The most memories a context block considers when the request does not say, whatever the topK limit: a raised limit is for callers who ask.</summary>
    public const int MaxDefaultContextMemories = 100;

    /// <summary>
    /// Memories considered for a context block when the request does not say: one per 10 tokens of the budget, 50 to
    /// <see cref="MaxDefaultContextMemories"/>, never above the topK limit. A turn line takes 20–40 tokens and lines already
    /// shown are skipped, so one per 20 tokens left a fifth of a 1,000-token block empty (docs/performance.md).
    /// </summary>
    public static int DefaultContextMemories(int maxTokens, int maxTopK) => Math.Min(maxTopK, Math.Clamp(maxTokens / 10, 50, MaxDefaultContextMemories));

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapGroup("/users/{userId}").WithTags("Retrieval");
        group.MapPost("/search", SearchAsync).WithName("SearchMemories")
            .Accepts<SearchMemoriesRequest>("application/json").ProducesBodyProblems();
        group.MapPost("/context", BuildContextAsync).WithName("BuildContext")
            .Accepts<BuildContextRequest>("application/json").ProducesBodyProblems();
        return group;
    }

    /// <summary>POST search: hybrid ranking within the user's partition, best first; <c>explain</c> adds each score component.</summary>
    public static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<SearchMemoriesRequest, Ok<SearchResponse>>(
            request, new(userId, MemoryRole.Read), services, RequestValidator.Validate, async (partition, input) =>
            {
                var filter = FilterMapper.ToFilter(input, services.TimeProvider.GetUtcNow());
                var includeEmbedding = input.IncludeEmbedding ?? false;
                var search = new SearchRequest(input.Query!.Trim(), filter, input.TopK ?? services.Limits.DefaultTopK, input.MinScore ?? 0) { IncludeEmbedding = includeEmbedding };
                // The answer says where the server's time went (embedding, index, ranking): docs/api.md, Server-Timing.
                var timings = RequestTimings.Start();
                IReadOnlyList<RankedMemory> ranked;
                using (RequestTimings.Measure(RequestPhase.Search))
                {
                    ranked = await services.Memories.SearchAsync(partition, search, cancellationToken);
                }

                request.HttpContext.Response.Headers[ServerTiming.Header] = ServerTiming.Format(timings);
                var explain = input.Explain ?? false;
                var results = ranked
                    .Select(result => new SearchResultResponse(MemoryResponse.From(result.Memory, includeEmbedding), result.Score, result.Standing, explain ? result.Explanation : null))
                    .ToList();
                return TypedResults.Ok(new SearchResponse(results));
            },
            cancellationToken);

    /// <summary>
    /// POST context: the most relevant memories plus profile and the current session (<c>sessionId</c>: its summary and
    /// latest turns; retrieval still spans every session unless <c>restrictToSessionId</c> says otherwise), fenced as
    /// data, within <c>maxTokens</c>.
    /// </summary>
    public static Task<Results<Ok<ContextResponse>, ProblemHttpResult>> BuildContextAsync(
        HttpRequest request, string userId, MemoryApiServices services, CancellationToken cancellationToken = default) =>
        ScopedCall.RunAsync<BuildContextRequest, Ok<ContextResponse>>(
            request, new(userId, MemoryRole.Read), services, RequestValidator.Validate, async (partition, input) =>
            {
                var filter = FilterMapper.ToFilter(input, services.TimeProvider.GetUtcNow()) with { SessionId = input.RestrictToSessionId };
                var context = new ContextRequest(
                    input.Query!.Trim(),
                    filter,
                    input.MaxTokens ?? services.Limits.DefaultContextTokens,
                    input.MaxMemories ?? DefaultContextMemories(input.MaxTokens ?? services.Limits.DefaultContextTokens, services.Limits.MaxTopK))
                {
                    CurrentSessionId = input.SessionId,
                };
                var block = await services.Memories.BuildContextAsync(partition, context, cancellationToken);
                return TypedResults.Ok(new ContextResponse(
                    block.Text,
                    block.EstimatedTokens,
                    block.Memories.Select(result => result.Memory.Id).ToList(),
                    block.Truncated));
            },
            cancellationToken);
}
