using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MemoryFunctions.Functions.Hosting;

/// <summary>
/// The Functions counterpart of the server's <c>UseExceptionHandler()</c>: an exception escaping an HTTP trigger goes to
/// the same <see cref="IExceptionHandler"/> (Memory.Http's <c>MemoryExceptionHandler</c>), so callers get the same
/// problem+json (a 4xx for bad input the framework detected, a 500 without internals otherwise) instead of the host's
/// bare 500. Non-HTTP invocations (orchestrations, activities) keep their exceptions: Durable needs them to retry.
/// </summary>
internal sealed class ProblemDetailsMiddleware(IEnumerable<IExceptionHandler> handlers) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } httpContext)
        {
            foreach (var handler in handlers)
            {
                if (await handler.TryHandleAsync(httpContext, exception, httpContext.RequestAborted))
                {
                    return;
                }
            }

            throw;
        }
    }
}
