using System.Net;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// Which <c>callbackUrl</c> a request may name: absolute, https (http only to a loopback host with
/// <see cref="CallbackOptions.AllowHttpLoopback"/>), no user name or password, a host listed in
/// <see cref="CallbackOptions.AllowedHosts"/>, at most <see cref="MaxLength"/> characters. The one rule, checked when the
/// request arrives and again before every delivery (the settings may have changed since).
/// </summary>
public static class CallbackUrlRule
{
    public const int MaxLength = 2048;

    /// <summary>Null when <paramref name="url"/> may be called; otherwise what is wrong and how to fix it.</summary>
    public static string? Check(string url, CallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"callbackUrl must be an absolute https URL of at most {MaxLength} characters, without user name, password or fragment.";
        }

        if (!options.AllowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase) && !options.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return options.AllowedHosts.Count == 0
                ? "callbackUrl is refused: this server allows no callback hosts. An operator lists them in Memory:Callbacks:AllowedHosts; until then, poll the operation's Location."
                : $"callbackUrl's host '{uri.Host}' is not in Memory:Callbacks:AllowedHosts; use a listed host or ask the operator to add it.";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && loopback && options.AllowHttpLoopback)
            ? null
            : "callbackUrl must use https (http only to a loopback host, and only with Memory:Callbacks:AllowHttpLoopback=true).";
    }
}
