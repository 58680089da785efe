using System.Net;

namespace MemoryFunctions.Http.Origins;

/// <summary>
/// Which browser origins may call: a request without <c>Origin</c> is not a browser's cross-origin call (curl, SDKs,
/// agents) and passes; a page served from this machine passes; any other origin only when configured. The MCP Streamable
/// HTTP transport requires servers to check <c>Origin</c> for exactly this: a web page the user visits, whose host name
/// an attacker re-points at 127.0.0.1 (DNS rebinding), must not reach a server that listens on loopback.
/// </summary>
public static class OriginRule
{
    public const string AnyOrigin = "*";

    public static bool IsAllowed(string? origin, IEnumerable<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        // "null" (sandboxed frames, file:// pages) and anything unparsable is foreign.
        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && IsLoopback(uri.Host))
        {
            return true;
        }

        return allowedOrigins.Any(allowed => allowed == AnyOrigin || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The host names that mean this machine, and only this machine, whatever DNS says.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
