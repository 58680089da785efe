using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MemoryFunctions.Http.Origins;

/// <summary>Refuses (403 <c>foreign-origin</c>) every request whose <c>Origin</c> the <see cref="OriginRule"/> does not allow, before routing: REST, Event Grid, MCP and health alike.</summary>
public sealed class ForeignOriginMiddleware(RequestDelegate next, IOptions<MemoryHttpOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!await RefusedAsync(context, options.Value))
        {
            await next(context);
        }
    }

    /// <summary>Writes the 403 and answers true when the request comes from a foreign page; both hosts call this.</summary>
    public static async Task<bool> RefusedAsync(HttpContext context, MemoryHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var origin = context.Request.Headers[HeaderNames.Origin];
        if (origin.Count <= 1 && OriginRule.IsAllowed(origin.ToString(), options.AllowedOrigins))
        {
            return false;
        }

        await ApiProblems.ForeignOrigin(
                $"Requests from pages of origin '{origin}' are refused: only pages served from this machine, or origins listed in Memory:Http:AllowedOrigins, may call this server.")
            .ExecuteAsync(context);
        return true;
    }
}
