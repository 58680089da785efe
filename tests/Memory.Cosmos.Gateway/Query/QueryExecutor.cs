using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Cosmos.Gateway.Documents;
using MemoryFunctions.Cosmos.Gateway.Throughput;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>One page of a query's results, its continuation and its modelled charge.</summary>
internal sealed record QueryPage(List<JsonNode?> Rows, string? Continuation, double RequestCharge);

/// <summary>
/// Runs a query over the documents the request reaches. Pages end at the requested item count or 4 MB
/// (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-request-limits). A continuation token is the position of
/// the last row returned (its sort keys and document sequence), like the service's index-position tokens: documents
/// deleted or added before that position do not shift the next page.
/// </summary>
internal static class QueryExecutor
{
    private const int DefaultPageSize = 100;
    private const int MaxPageBytes = 4 * 1024 * 1024;

    /// <param name="scan">The reachable documents in insertion order after a sequence number (0: all).</param>
    public static QueryPage Execute(SqlQuery query, SqlEvaluator evaluator, Func<long, IEnumerable<StoredDocument>> scan, int maxItemCount, string? continuation)
    {
        if (query.Rank is not null)
        {
            throw new SqlException("ORDER BY RANK runs through the query plan (hybridSearchQueryInfo); it cannot be sent for direct execution.");
        }

        var (after, returned) = Decode(continuation);
        var limit = Math.Min(maxItemCount is > 0 and < int.MaxValue ? maxItemCount : DefaultPageSize, query.Top is { } top ? Math.Max(top - returned, 0) : int.MaxValue);
        var aggregate = SqlAggregates.Contains(query.Value) || query.Items.Any(item => SqlAggregates.Contains(item.Expression));
        if (query.OrderBy.Count == 0 && !aggregate)
        {
            // Insertion order: resume right after the last document returned, reading only the page (and one more to know there is more).
            var page = scan(after?.Sequence ?? 0)
                .Where(document => query.Where is null || evaluator.IsTrue(query.Where, document.Body))
                .Take(limit + 1)
                .Select(document => new Positioned(document, []))
                .ToList();
            return Page(query, evaluator, page, limit, returned, 0);
        }

        var matching = scan(0).Where(document => query.Where is null || evaluator.IsTrue(query.Where, document.Body)).ToList();
        if (SqlAggregates.Contains(query.Value) || query.Items.Any(item => SqlAggregates.Contains(item.Expression)))
        {
            var bodies = matching.Select(document => document.Body).ToList();
            var row = query.Value is not null ? SqlAggregates.Evaluate(query.Value, bodies, evaluator).ToResult() : Aggregate(query, bodies, evaluator);
            return new QueryPage([row], null, RequestCharges.Aggregate(Size([row]), matching.Count));
        }

        var directions = query.OrderBy.Select(item => item.Descending ?? DescendingByDefault(item.Expression, evaluator)).ToArray();
        var ordered = matching
            .Select(document => new Positioned(document, query.OrderBy.Select(item => evaluator.Evaluate(item.Expression, document.Body)).ToArray()))
            .ToList();
        var comparer = new PositionComparer(directions);
        ordered.Sort(comparer);
        var remaining = ordered.Where(entry => after is null || comparer.Compare(entry, after) > 0).ToList();
        var ranked = query.OrderBy.Any(item => item.Expression is SqlCall) ? matching.Count : 0;
        return Page(query, evaluator, remaining, limit, returned, ranked);
    }

    private static QueryPage Page(SqlQuery query, SqlEvaluator evaluator, List<Positioned> remaining, int limit, int returned, int ranked)
    {
        var rows = new List<JsonNode?>();
        var bytes = 0L;
        var taken = 0;
        foreach (var entry in remaining)
        {
            if (taken == limit || bytes > MaxPageBytes)
            {
                break;
            }

            taken++;
            var projected = Project(query, evaluator, entry.Document.Body);
            if (projected.IsDefined)
            {
                var node = projected.ToResult();
                rows.Add(node);
                bytes += Encoding.UTF8.GetByteCount(node?.ToJsonString() ?? "null");
            }
        }

        var more = taken < remaining.Count && (query.Top is not { } cap || returned + taken < cap);
        var next = more ? Encode(remaining[taken - 1], returned + taken) : null;
        return new QueryPage(rows, next, RequestCharges.Query(bytes, ranked));
    }

    private static JsonObject Aggregate(SqlQuery query, List<JsonObject> bodies, SqlEvaluator evaluator)
    {
        var row = new JsonObject();
        foreach (var (item, i) in query.Items.Select((item, i) => (item, i)))
        {
            row[item.Alias ?? $"${i + 1}"] = SqlAggregates.Evaluate(item.Expression, bodies, evaluator).ToResult();
        }

        return row;
    }

    private static SqlValue Project(SqlQuery query, SqlEvaluator evaluator, JsonObject document)
    {
        if (query.Star)
        {
            return SqlValue.Of(document);
        }

        if (query.Value is not null)
        {
            return evaluator.Evaluate(query.Value, document);
        }

        var row = new JsonObject();
        foreach (var (item, i) in query.Items.Select((item, i) => (item, i)))
        {
            var value = evaluator.Evaluate(item.Expression, document);
            if (value.IsDefined)
            {
                row[item.Alias ?? (item.Expression is SqlProperty property ? property.Name : $"${i + 1}")] = value.ToResult();
            }
        }

        return SqlValue.Of(row);
    }

    /// <summary>ORDER BY VectorDistance without a direction returns the closest first: descending for similarity functions.</summary>
    private static bool DescendingByDefault(SqlExpression expression, SqlEvaluator evaluator) =>
        expression is SqlCall { Name: "VECTORDISTANCE" } && evaluator.DistanceFunction is "cosine" or "dotproduct";

    private static long Size(List<JsonNode?> rows) => rows.Sum(row => (long)Encoding.UTF8.GetByteCount(row?.ToJsonString() ?? "null"));

    private static string Encode(Positioned last, int returned)
    {
        var token = new JsonObject
        {
            ["k"] = new JsonArray(last.Keys.Select(key => key.IsDefined ? new JsonObject { ["v"] = key.ToResult() } : new JsonObject()).ToArray<JsonNode?>()),
            ["s"] = last.Document.Sequence,
            ["n"] = returned,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
    }

    private static (Positioned? After, int Returned) Decode(string? continuation)
    {
        if (string.IsNullOrEmpty(continuation))
        {
            return (null, 0);
        }

        try
        {
            var token = JsonNode.Parse(Convert.FromBase64String(continuation))!.AsObject();
            var keys = token["k"]!.AsArray().Select(key => key!.AsObject().TryGetPropertyValue("v", out var value) ? SqlValue.Of(value?.DeepClone()) : SqlValue.Undefined).ToArray();
            return (new Positioned(null, keys, token["s"]!.GetValue<long>()), token["n"]!.GetValue<int>());
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidContinuationException();
        }
    }

    /// <summary>A row's place in the result order: its ORDER BY values, then its document sequence.</summary>
    private sealed record Positioned(StoredDocument? Stored, SqlValue[] Keys, long Sequence)
    {
        public Positioned(StoredDocument document, SqlValue[] keys)
            : this(document, keys, document.Sequence)
        {
        }

        public StoredDocument Document => Stored!;
    }

    private sealed class PositionComparer(bool[] descending) : IComparer<Positioned>
    {
        public int Compare(Positioned? x, Positioned? y)
        {
            for (var i = 0; i < descending.Length && i < x!.Keys.Length && i < y!.Keys.Length; i++)
            {
                var order = SqlValue.Order(x.Keys[i], y.Keys[i]);
                if (order != 0)
                {
                    return descending[i] ? -order : order;
                }
            }

            return x!.Sequence.CompareTo(y!.Sequence);
        }
    }
}

/// <summary>A continuation token the gateway did not issue (tampered, or from another query): 400, as the service answers.</summary>
internal sealed class InvalidContinuationException() : Exception("The continuation token is not valid.");
