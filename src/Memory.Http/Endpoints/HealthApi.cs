using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Http.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// <c>GET /health</c>: always anonymous, so load balancers and <c>azd</c> probes need no key. Healthy once the host routes;
/// unhealthy (503) only for what a restart is the fix for: an embedding model that failed to load in the background
/// (<see cref="LoadingEmbeddingGenerator"/>), which leaves search and ingestion failing while reads still work. A model
/// still loading is healthy: requests that need it wait or get their own 503 + Retry-After.
/// </summary>
public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/health", GetHealth).WithName("Health").WithTags("Health")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    public static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> GetHealth(TimeProvider timeProvider, [FromServices] IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(embedder);
        return embedder.GetService<LoadingEmbeddingGenerator>()?.LoadFailure is { } failure
            ? TypedResults.Json(
                new HealthResponse("unhealthy", timeProvider.GetUtcNow(), $"The embedding model failed to load ({failure.Message}); restart the server once the model is fixed."),
                statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthResponse("healthy", timeProvider.GetUtcNow()));
    }
}
