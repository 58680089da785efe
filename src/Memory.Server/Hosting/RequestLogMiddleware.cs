using System.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Http;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Server.Diagnostics;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// Logs one line per request once it is answered: method, route template (<c>/api/users/{userId}/search</c>, so no user id
/// or query string reaches the log), status, duration, tenant and credential name (<c>key:&lt;id&gt;</c>, never the key).
/// Bodies are never read here. Server faults are errors; everything else, caller mistakes included, is information.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = Route(context);
            var tenant = Tenant(context.Request);
            var credential = context.Features.Get<MemoryCaller>()?.Name ?? "none";
            Log.Request(logger, level, context.Request.Method, route, status, elapsedMs, tenant, credential);
        }
    }

    private static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint ? "/" + endpoint.RoutePattern.RawText?.Trim('/') : "(no route)";

    /// <summary>The tenant the request named, when it is a valid id (anything else is the caller's text: not logged).</summary>
    private static string Tenant(HttpRequest request)
    {
        var tenant = request.Headers[MemoryHeaders.TenantId].ToString();
        return tenant.Length == 0 ? "(credential's)" : IdRules.IsValid(tenant) ? tenant : "(invalid)";
    }
}
