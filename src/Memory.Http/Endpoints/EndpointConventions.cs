using MemoryFunctions.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Conventions shared by the route groups.</summary>
public static class EndpointConventions
{
    /// <summary>Requires an API key (when any is configured) on every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder RequireMemoryApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, ApiKeyEndpointFilter>();
        return builder;
    }

    /// <summary>Documents the problems every keyed endpoint can answer with: 400 (ids, tenant, fields) and 401.</summary>
    public static RouteHandlerBuilder ProducesCommonProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Documents the problems any body-reading endpoint can answer with besides the common ones.</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesCommonProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
