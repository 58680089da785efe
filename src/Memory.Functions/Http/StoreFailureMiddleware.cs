using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Problems;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Http;

/// <summary>
/// The Functions host's counterpart of the server's exception handler for store failures: an HTTP trigger that meets a
/// throttled, unavailable or refusing store answers with the same problem, status and Retry-After as the local server
/// (<see cref="StoreFailureProblems"/>), instead of the worker's bare 500.
/// </summary>
internal sealed class StoreFailureMiddleware(ILogger<StoreFailureMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (Find(exception) is { } failure && context.GetHttpContext() is { } httpContext)
        {
            await StoreFailureProblems.WriteAsync(httpContext, failure, logger);
        }
    }

    private static StoreFailureException? Find(Exception exception) => exception switch
    {
        StoreFailureException failure => failure,
        AggregateException { InnerExceptions: [var inner] } => Find(inner),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };
}
