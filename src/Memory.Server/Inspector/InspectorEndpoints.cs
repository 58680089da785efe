using System.Collections.Frozen;
using System.Reflection;

namespace MemoryFunctions.Server.Inspector;

/// <summary>
/// The inspector: a page at <c>/inspector/</c> (and a redirect from <c>/</c>) that shows a user's memories, operations,
/// search explanations, the <c>/context</c> block and the tenant's audit trail through the public API, with the key the
/// person types in. Its files are embedded in this assembly, so it works offline and cannot drift from the server.
/// </summary>
/// <remarks>
/// The page holds no data and no credential, so serving it needs none; every call it makes goes through the API's own
/// authentication, roles, scope rules and Origin/Host checks. The key lives in the page's memory only (no cookie, so no
/// ambient credential a foreign page could ride: no CSRF surface; the price is typing it again after a reload). The
/// Content-Security-Policy allows only this origin's script, style and fetches, no inline script or style, no framing.
/// </remarks>
public static class InspectorEndpoints
{
    public const string Path = "/inspector/";

    /// <summary>What the page may load and do; memory text is untrusted, so no inline script or style is ever allowed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Assets = new Dictionary<string, (string, string)>
    {
        [string.Empty] = ("inspector/index.html", "text/html; charset=utf-8"),
        ["inspector.js"] = ("inspector/inspector.js", "text/javascript; charset=utf-8"),
        ["inspector.css"] = ("inspector/inspector.css", "text/css; charset=utf-8"),
        ["favicon.svg"] = ("inspector/favicon.svg", "image/svg+xml"),
    }.ToFrozenDictionary();

    public static IEndpointRouteBuilder MapInspector(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", () => TypedResults.Redirect(Path)).WithName("InspectorHome").ExcludeFromDescription();
        endpoints.MapGet(Path + "{file?}", Serve).WithName("InspectorPage").ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(HttpContext context, string? file)
    {
        if (file is null && !context.Request.Path.Value!.EndsWith('/'))
        {
            // `/inspector` matches this route too (routing ignores a trailing slash), but the page's relative links need it.
            return TypedResults.Redirect(Path);
        }

        if (!Assets.TryGetValue(file ?? string.Empty, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(asset.Resource)
            ?? throw new InvalidOperationException($"The inspector asset '{asset.Resource}' is not embedded in the server; rebuild src/Memory.Server.");
        return TypedResults.Stream(stream, asset.ContentType);
    }
}
