using System.Globalization;
using System.Runtime.CompilerServices;
using MemoryFunctions.Client.Models;

namespace MemoryFunctions.Client;

public sealed partial class MemoryClient
{
    /// <summary>
    /// Every memory matching <paramref name="query"/>, newest first, fetching page after page as the caller reads (the
    /// server's opaque <c>nextCursor</c>, bound to this tenant and user, is followed until it is absent).
    /// </summary>
    public IAsyncEnumerable<Memory> ListMemoriesAsync(string userId, ListQuery? query = null, CancellationToken cancellationToken = default) =>
        FollowPagesAsync<Memory>(User(userId, "memories") + QueryString(query ?? new ListQuery()), cancellationToken);

    /// <summary>
    /// The user's operations, newest first, optionally only those in <paramref name="statuses"/> (e.g. "queued", "running"),
    /// fetching page after page as the caller reads; an agent that submitted many need not keep every id.
    /// </summary>
    public IAsyncEnumerable<MemoryOperation> ListOperationsAsync(string userId, IReadOnlyList<string>? statuses = null, CancellationToken cancellationToken = default) =>
        FollowPagesAsync<MemoryOperation>(
            User(userId, "operations") + (statuses is { Count: > 0 } ? "?" + string.Join('&', statuses.Select(status => "status=" + Uri.EscapeDataString(status))) : string.Empty),
            cancellationToken);

    /// <summary>
    /// The ids of the tenant's users (those holding memories or operations), in id order, page after page as the caller reads.
    /// Needs the read role over the whole tenant: a key bound to one user gets <see cref="MemoryAuthorizationException"/>.
    /// </summary>
    public async IAsyncEnumerable<string> ListUsersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var user in FollowPagesAsync<UserSummary>("users", cancellationToken))
        {
            yield return user.UserId;
        }
    }

    private async IAsyncEnumerable<T> FollowPagesAsync<T>(string first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var path = cursor is null ? first : first + (first.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor);
            using var response = await SendRawAsync(HttpMethod.Get, path, content: null, cancellationToken);
            var page = await ReadAsync<PageOf<T>>(response, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private sealed record PageOf<T>(IReadOnlyList<T> Items, string? NextCursor);

    private sealed record UserSummary(string UserId);

    private static string QueryString(ListQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        foreach (var kind in query.Kinds ?? [])
        {
            Add("kind", kind);
        }

        foreach (var tag in query.Tags ?? [])
        {
            Add("tag", tag);
        }

        Add("agentId", query.AgentId);
        Add("sessionId", query.SessionId);
        Add("includeSuperseded", query.IncludeSuperseded is { } superseded ? (superseded ? "true" : "false") : null);
        Add("asOf", query.AsOf?.ToString("O", CultureInfo.InvariantCulture));
        Add("pageSize", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        Add("includeEmbedding", query.IncludeEmbedding is true ? "true" : null);
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
