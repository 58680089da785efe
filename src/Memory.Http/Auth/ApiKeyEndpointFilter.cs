using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Http.Auth;

/// <summary>Rejects requests without a valid API key (when keys are configured) before the handler reads anything.</summary>
public sealed class ApiKeyEndpointFilter(ApiKeyValidator validator, ILogger<ApiKeyEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!validator.IsAuthorized(context.HttpContext.Request))
        {
            // The key itself is never logged, not even a prefix.
            Log.ApiKeyRejected(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path.Value ?? "/");
            return ApiProblems.Unauthorized();
        }

        return await next(context);
    }
}
