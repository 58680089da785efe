using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>
/// Refuses a request whose raw target has a <c>.</c> or <c>..</c> path segment, plain or percent-encoded. Kestrel
/// removes dot segments before routing, so <c>DELETE /api/users/alice/memories/%2e%2e</c> would otherwise reach
/// <c>DELETE /api/users/alice</c> and erase the user: a memory id taken from untrusted input must never widen a request.
/// No valid id is a dot segment (ids cannot start with a dot), so nothing legitimate is refused.
/// </summary>
public sealed class DotSegmentEndpointFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return HasDotSegment(rawTarget)
            ? ValueTask.FromResult<object?>(ApiProblems.Validation("path", "The URL has a '.' or '..' segment (possibly percent-encoded); ids never start with a dot, so send the id as it was issued."))
            : next(context);
    }

    public static bool HasDotSegment(string? rawTarget)
    {
        if (string.IsNullOrEmpty(rawTarget))
        {
            return false;
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rawTarget : rawTarget[..query];
        return path.Split('/').Any(segment => Uri.UnescapeDataString(segment) is "." or "..");
    }
}
