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
    public async IAsyncEnumerable<Memory> ListMemoriesAsync(
        string userId, ListQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = User(userId, "memories") + QueryString(query ?? new ListQuery());
        string? cursor = null;
        do
        {
            var path = cursor is null ? first : first + (first.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor);
            using var response = await SendRawAsync(HttpMethod.Get, path, content: null, cancellationToken);
            var page = await ReadAsync<MemoryPage>(response, cancellationToken);
            foreach (var memory in page.Items)
            {
                yield return memory;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// The user's operations, newest first, optionally only those in <paramref name="statuses"/> (e.g. "queued", "running"),
    /// fetching page after page as the caller reads; an agent that submitted many need not keep every id.
    /// </summary>
    public async IAsyncEnumerable<MemoryOperation> ListOperationsAsync(
        string userId, IReadOnlyList<string>? statuses = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = User(userId, "operations") + (statuses is { Count: > 0 } ? "?" + string.Join('&', statuses.Select(status => "status=" + Uri.EscapeDataString(status))) : string.Empty);
        string? cursor = null;
        do
        {
            var path = cursor is null ? first : first + (first.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(cursor);
            using var response = await SendRawAsync(HttpMethod.Get, path, content: null, cancellationToken);
            var page = await ReadAsync<OperationPage>(response, cancellationToken);
            foreach (var operation in page.Items)
            {
                yield return operation;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private sealed record OperationPage(IReadOnlyList<MemoryOperation> Items, string? NextCursor);

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
