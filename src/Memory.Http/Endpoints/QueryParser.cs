using System.Globalization;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.Validation;
using Microsoft.AspNetCore.Http;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>Parses and validates query strings. Unknown parameters are ignored: <c>code</c> carries the key, proxies add their own.</summary>
public static class QueryParser
{
    public static ListMemoriesQuery? ParseList(IQueryCollection query, MemoryPartition partition, MemoryHttpOptions limits, CursorCodec cursors, DateTimeOffset now, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(errors);
        var kinds = new List<MemoryKind>();
        foreach (var value in query["kind"])
        {
            if (TryParseEnum<MemoryKind>(value, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                errors.Add("kind", $"'kind' must be one of {Names<MemoryKind>()}; got '{value}'.");
            }
        }

        var agentId = Single(query, "agentId", errors);
        var sessionId = Single(query, "sessionId", errors);
        FieldRules.OptionalId(errors, "agentId", agentId);
        FieldRules.OptionalId(errors, "sessionId", sessionId);
        var tags = query["tag"].Where(tag => tag is not null).Select(tag => tag!).ToList();
        FieldRules.Tags(errors, "tag", tags, limits);
        var includeSuperseded = Boolean(query, "includeSuperseded", errors);
        var includeEmbedding = Boolean(query, "includeEmbedding", errors);
        var asOf = Timestamp(query, "asOf", errors);
        var (pageSize, token) = ParsePage(query, partition, limits, cursors, "this user", errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        var filter = new MemoryFilter
        {
            At = asOf ?? now,
            IncludeSuperseded = includeSuperseded ?? false,
            Kinds = kinds.Count > 0 ? kinds : null,
            AgentId = agentId,
            SessionId = sessionId,
            Tags = tags.Count > 0 ? tags.Distinct(StringComparer.Ordinal).ToList() : null,
        };
        return new ListMemoriesQuery(filter, pageSize, token, includeEmbedding ?? false);
    }

    /// <summary>
    /// The paging parameters every listing takes: <c>pageSize</c> (1 to the maximum, default <see cref="MemoryHttpOptions.DefaultPageSize"/>)
    /// and <c>cursor</c>, which must be one <paramref name="cursors"/> issued for <paramref name="scope"/> (a partition, or a
    /// tenant's, <see cref="CursorCodec.ForTenant"/>); <paramref name="listing"/> names what it pages through in the error.
    /// </summary>
    public static (int PageSize, string? Token) ParsePage(IQueryCollection query, MemoryPartition scope, MemoryHttpOptions limits, CursorCodec cursors, string listing, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(errors);
        var pageSize = Integer(query, "pageSize", errors);
        FieldRules.Range(errors, "pageSize", pageSize, 1, limits.MaxPageSize);
        string? token = null;
        if (Single(query, "cursor", errors) is { } cursor && !cursors.TryDecode(scope, cursor, out token))
        {
            errors.Add("cursor", $"'cursor' is not a cursor issued for {listing}; pass 'nextCursor' from the previous page unchanged, or omit it to start over.");
        }

        return (pageSize ?? limits.DefaultPageSize, token);
    }

    /// <summary>Reads a boolean flag such as <c>includeEmbedding</c>; absent means false.</summary>
    public static bool Flag(IQueryCollection query, string name, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Boolean(query, name, errors) ?? false;
    }

    private static string? Single(IQueryCollection query, string name, ValidationErrors errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors.Add(name, $"'{name}' may be given once.");
        }

        return values.Count == 0 ? null : values[0];
    }

    private static bool? Boolean(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (Single(query, name, errors) is not { } value)
        {
            return null;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        errors.Add(name, $"'{name}' must be 'true' or 'false'; got '{value}'.");
        return null;
    }

    private static int? Integer(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (Single(query, name, errors) is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        errors.Add(name, $"'{name}' must be a whole number; got '{value}'.");
        return null;
    }

    private static DateTimeOffset? Timestamp(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (Single(query, name, errors) is not { } value)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result))
        {
            return result;
        }

        errors.Add(name, $"'{name}' must be an ISO 8601 timestamp such as 2026-01-31T12:00:00Z (URL-encode '+' as %2B); got '{value}'.");
        return null;
    }

    private static bool TryParseEnum<T>(string? value, out T result)
        where T : struct, Enum
    {
        result = default;
        // Enum.TryParse also accepts numbers; the contract speaks names only.
        return !string.IsNullOrEmpty(value) && char.IsLetter(value[0]) && Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result);
    }

    private static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(name => char.ToLowerInvariant(name[0]) + name[1..]));
}
