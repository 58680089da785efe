using MemoryFunctions.Http;
using MemoryFunctions.Http.Origins;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Hosting;

/// <summary>
/// The server's Origin check on the Functions host: a local Core Tools run (<c>Memory:Auth:AllowOpen</c>) listens on
/// loopback like the server, so a web page re-pointed at 127.0.0.1 (DNS rebinding) could call it. Deployed, credentials
/// stop such a page anyway; a foreign <c>Origin</c> is refused in every mode, as on the server.
/// </summary>
public sealed class ForeignOriginWorkerMiddleware(IOptions<MemoryHttpOptions> options) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } httpContext && await ForeignOriginMiddleware.RefusedAsync(httpContext, options.Value))
        {
            return;
        }

        await next(context);
    }
}
