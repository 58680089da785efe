namespace MemoryFunctions.Http.Auth;

/// <summary>
/// Takes the API key out of a raw query string, so that nothing which logs request URLs (ASP.NET Core's hosting
/// diagnostics log "Request starting … ?code=…" at Information) can ever see it.
/// </summary>
public static class ApiKeyQueryRedactor
{
    /// <summary>
    /// Removes every <c>code</c> parameter from <paramref name="query"/> (<c>"?a=1&amp;code=k"</c>), matching names as
    /// <c>HttpRequest.Query</c> does (case-insensitive, percent-decoded). <paramref name="key"/> gets the values as
    /// <c>Query["code"].ToString()</c> would (joined by commas); false, and nothing changed, when there is none.
    /// </summary>
    public static bool TryRemoveKey(string? query, out string remaining, out string key)
    {
        remaining = query ?? string.Empty;
        key = string.Empty;
        if (string.IsNullOrEmpty(query))
        {
            return false;
        }

        var kept = new List<string>();
        var keys = new List<string>();
        foreach (var segment in query.TrimStart('?').Split('&'))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? segment : segment[..equals]);
            if (string.Equals(name, MemoryHeaders.KeyQueryParameter, StringComparison.OrdinalIgnoreCase))
            {
                keys.Add(equals < 0 ? string.Empty : Decode(segment[(equals + 1)..]));
            }
            else if (segment.Length > 0)
            {
                kept.Add(segment);
            }
        }

        if (keys.Count == 0)
        {
            return false;
        }

        remaining = kept.Count == 0 ? string.Empty : "?" + string.Join('&', kept);
        key = string.Join(',', keys);
        return true;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
