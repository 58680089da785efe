namespace MemoryFunctions.Http;

/// <summary>
/// Maps store ETags to HTTP entity tags and back. Stores may or may not quote their tokens (Cosmos DB does); HTTP
/// requires quotes, so comparisons are made on the quoted form whichever store is behind.
/// </summary>
public static class EntityTags
{
    public static string ToHeader(string storeETag)
    {
        ArgumentNullException.ThrowIfNull(storeETag);
        return storeETag.Length >= 2 && storeETag[0] == '"' && storeETag[^1] == '"' ? storeETag : $"\"{storeETag}\"";
    }

    /// <summary>True when an <c>If-Match</c> value (one tag, a list, or <c>*</c>) matches the current store ETag (strong comparison).</summary>
    /// <summary>True when the <c>If-Match</c> list holds <c>*</c>: any current representation matches.</summary>
    public static bool IsWildcard(string ifMatch)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        return ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains("*");
    }

    public static bool Matches(string ifMatch, string storeETag)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var current = ToHeader(storeETag);
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(candidate, current, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
