using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MemoryFunctions.Client;

/// <summary>Turns an error response into the typed exception for its status, with whatever problem+json it carried.</summary>
internal static class ProblemReader
{
    public static async Task<MemoryApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ParseAsync(response, cancellationToken) with
        {
            RetryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - DateTimeOffset.UtcNow,
                _ => null,
            },
            ETag = response.Headers.ETag?.ToString(),
        };
        var status = response.StatusCode;
        return status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new MemoryValidationException(status, problem),
            HttpStatusCode.NotFound => new MemoryNotFoundException(status, problem),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new MemoryAuthorizationException(status, problem),
            HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => new MemoryConflictException(status, problem),
            _ => new MemoryApiException(status, problem),
        };
    }

    private static async Task<ApiProblem> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var empty = new ApiProblem(null, response.ReasonPhrase, null, new Dictionary<string, string[]>());
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return empty;
        }

        try
        {
            var body = await response.Content.ReadFromJsonAsync<ProblemBody>(MemoryClientJson.Options, cancellationToken);
            return body is null ? empty : new(body.Type, body.Title, body.Detail, body.Errors ?? new Dictionary<string, string[]>());
        }
        catch (JsonException)
        {
            // A proxy's or gateway's error page: the status still says what happened.
            return empty;
        }
    }

    private sealed record ProblemBody(string? Type, string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
