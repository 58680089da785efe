using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Conventions shared by the route groups.</summary>
public static class EndpointConventions
{
    /// <summary>Documents the problems every endpoint behind <see cref="RequestScope"/> can answer with: 400 (ids, tenant, fields), 401 and 403.</summary>
    public static RouteHandlerBuilder ProducesCommonProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Documents the problems any body-reading endpoint can answer with besides the common ones.</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesCommonProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
