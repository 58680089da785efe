using System.Globalization;
using System.Text.Json;
using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http;

/// <summary>
/// The last line for exceptions that escape a handler. Bad input the host detects itself (Kestrel's body limit, broken
/// framing, JSON read outside <see cref="Json.JsonBody"/>) becomes a 4xx problem; a store failure gets its one mapping
/// (<see cref="StoreFailureProblems"/>); an embedder still loading its model is a 503 with Retry-After; only genuine faults are logged as errors and answered with a 500 that carries no internals.
/// </summary>
public sealed class MemoryExceptionHandler(IOptions<MemoryHttpOptions> limits, ILogger<MemoryExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var method = httpContext.Request.Method;
        var path = httpContext.Request.Path.Value ?? "/";
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // Nobody is listening any more; 499 is what proxies record for it.
            Log.RequestAborted(logger, method, path);
            httpContext.Response.StatusCode = 499;
            return true;
        }

        if (exception is StoreFailureException failure)
        {
            await StoreFailureProblems.WriteAsync(httpContext, failure, logger);
            return true;
        }

        if (exception is EmbedderUnavailableException unavailable)
        {
            // Transient by definition (the model is loading): the caller is told when to come back, and nothing was applied.
            var seconds = RetryAfter.WholeSeconds(unavailable.RetryAfter);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var loading = ApiProblems.EmbedderUnavailable(unavailable.Message, seconds);
            Log.RequestRejected(logger, method, path, loading.StatusCode, ProblemTypes.EmbedderUnavailable);
            await loading.ExecuteAsync(httpContext);
            return true;
        }

        var problem = Map(exception);
        if (problem is null)
        {
            Log.UnhandledFault(logger, exception, method, path);
            problem = ApiProblems.Internal();
        }
        else
        {
            Log.RequestRejected(logger, method, path, problem.StatusCode, problem.ProblemDetails.Type ?? string.Empty);
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private ProblemHttpResult? Map(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblems.PayloadTooLarge(limits.Value.MaxRequestBodyBytes),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblems.UnsupportedMediaType(null),
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        BadHttpRequestException { StatusCode: >= 400 and < 500 } => ApiProblems.BadRequest("The request could not be read; check its framing, headers and body."),
        JsonException json => Malformed(json),
        _ => null,
    };

    private static ProblemHttpResult Malformed(JsonException json) =>
        ApiProblems.MalformedJson(
            json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.'),
            $"The body could not be read as JSON at '{json.Path ?? "$"}'; fix its syntax or the value's type.");
}
