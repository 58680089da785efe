using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// The query plan the gateway returns when the SDK asks for one (on Linux it has no native query parser and always asks; the
/// SDK's QueryPlanRetriever / CosmosQueryExecutionContextFactory). The plan makes the SDK run its own pipelines: ORDER BY with
/// <c>orderByItems</c> / <c>payload</c> rewriting, TOP, aggregates, and the hybrid search pipeline for ORDER BY RANK with its
/// global full-text statistics. Shapes follow the SDK's plan baselines (QueryPlanBaselineTests.*.xml) and the hybrid plans in
/// QueryPartitionProviderTests.cs. Only the store's query shapes are planned; anything else is refused as not modelled.
/// </summary>
internal static class QueryPlanner
{
    private const string OrderByFilter = "{documentdb-formattableorderbyquery-filter}";
    private const string DocumentCount = "{documentdb-formattablehybridsearchquery-totaldocumentcount}";
    private const string TotalWordCount = "{documentdb-formattablehybridsearchquery-totalwordcount-0}";
    private const string HitCounts = "{documentdb-formattablehybridsearchquery-hitcountsarray-0}";

    public static JsonObject Plan(SqlQuery query, string distanceFunction, IReadOnlySet<string> fullTextPaths)
    {
        var plan = new JsonObject
        {
            ["partitionedQueryExecutionInfoVersion"] = 2,
            ["queryRanges"] = new JsonArray(new JsonObject { ["min"] = "", ["max"] = "FF", ["isMinInclusive"] = true, ["isMaxInclusive"] = false }),
        };
        if (query.Rank is not null)
        {
            plan["hybridSearchQueryInfo"] = HybridSearch(query, fullTextPaths);
        }
        else
        {
            plan["queryInfo"] = QueryInfo(query, distanceFunction);
        }

        return plan;
    }

    private static JsonObject QueryInfo(SqlQuery query, string distanceFunction)
    {
        var info = EmptyInfo(query.Top);
        if (SqlAggregates.Contains(query.Value) && query.Value is SqlCall { Name: "COUNT" } count)
        {
            // SELECT VALUE COUNT(...): the SDK sums the per-range counts (QueryPlanBaselineTests.Aggregates.xml).
            info["aggregates"] = new JsonArray("Count");
            info["hasSelectValue"] = true;
            info["rewrittenQuery"] = $"SELECT VALUE [{{\"item\": {count.Text}}}]\nFROM {query.Alias}{Where(query, null)}";
            return info;
        }

        if (SqlAggregates.Contains(query.Value) || query.Items.Any(item => SqlAggregates.Contains(item.Expression)))
        {
            throw new SqlException("The gateway plans SELECT VALUE COUNT(...) only among aggregates.");
        }

        if (query.OrderBy.Count == 0)
        {
            info["hasSelectValue"] = query.Value is not null;
            return info;
        }

        var descending = query.OrderBy.Select(item => item.Descending ?? (item.Expression is SqlCall { Name: "VECTORDISTANCE" } && distanceFunction is "cosine" or "dotproduct")).ToList();
        info["orderBy"] = new JsonArray(descending.Select(d => (JsonNode)(d ? "Descending" : "Ascending")).ToArray());
        info["orderByExpressions"] = new JsonArray(query.OrderBy.Select(item => (JsonNode)item.Expression.Text).ToArray());
        info["hasSelectValue"] = query.Value is not null;

        // Ordering by VectorDistance cannot stream from an index: the SDK buffers and sorts (non-streaming ORDER BY).
        info["hasNonStreamingOrderBy"] = query.OrderBy.Any(item => item.Expression is SqlCall);
        var items = string.Join(", ", query.OrderBy.Select(item => $"{{\"item\": {item.Expression.Text}}}"));
        var order = string.Join(", ", query.OrderBy.Select(item => item.Expression.Text + (item.Descending switch { true => " DESC", false => " ASC", null => string.Empty })));
        info["rewrittenQuery"] = $"SELECT {Top(query.Top)}{query.Alias}._rid, [{items}] AS orderByItems, {Payload(query)} AS payload\nFROM {query.Alias}{Where(query, OrderByFilter)}\nORDER BY {order}";
        return info;
    }

    /// <summary>
    /// ORDER BY RANK FullTextScore(path, terms...): one component ranked by BM25 with statistics the SDK gathers first. The
    /// statistics query carries no WHERE and the SDK sends it to the targeted physical partition ranges without the partition
    /// key (HybridSearchCrossPartitionQueryPipelineStage: Local scope = the target ranges), so the statistics cover every
    /// document those ranges hold, not only the requesting user's. A scored path outside the container's full-text policy
    /// and full-text indexes is refused (FullTextScore "requires a Full Text Index":
    /// https://learn.microsoft.com/azure/cosmos-db/nosql/query/fulltextscore, remarks; the service's exact wording was not
    /// found, so the message is the double's own).
    /// </summary>
    private static JsonObject HybridSearch(SqlQuery query, IReadOnlySet<string> fullTextPaths)
    {
        if (query.Rank is not SqlCall { Name: "FULLTEXTSCORE" } rank || rank.Arguments.Count < 2 || query.Top is not { } top)
        {
            throw new SqlException("The gateway models ORDER BY RANK FullTextScore(path, term, ...) with TOP only (RRF is not among the store's query shapes).");
        }

        if (rank.Arguments[0] is not SqlProperty { Target: SqlRoot } property || !fullTextPaths.Contains("/" + property.Name))
        {
            throw new SqlException($"FullTextScore cannot score '{rank.Arguments[0].Text}': the path is not in the container's full-text policy and full-text indexes.");
        }

        var path = rank.Arguments[0].Text;
        var terms = rank.Arguments.Skip(1).Select(term => term.Text).ToList();
        var hits = string.Join(", ", terms.Select(term => $"COUNTIF(FullTextContains({path}, {term}))"));
        var score = $"_FullTextScore({path}, [{string.Join(", ", terms)}], {DocumentCount}, {TotalWordCount}, {HitCounts})";
        var component = EmptyInfo(top);
        component["orderBy"] = new JsonArray("Descending");
        component["orderByExpressions"] = new JsonArray(score);
        component["hasNonStreamingOrderBy"] = true;
        component["rewrittenQuery"] =
            $"SELECT TOP {top} {query.Alias}._rid, [{{\"item\": {score}}}] AS orderByItems, {{\"payload\": {Payload(query)}, \"componentScores\": [{score}]}} AS payload\n" +
            $"FROM {query.Alias}{Where(query, OrderByFilter)}\nORDER BY {score} DESC";
        return new JsonObject
        {
            ["globalStatisticsQuery"] =
                $"SELECT COUNT(1) AS documentCount, [{{\"totalWordCount\": SUM(_FullTextWordCount({path})), \"hitCounts\": [{hits}]}}] AS fullTextStatistics\nFROM {query.Alias}",
            ["componentQueryInfos"] = new JsonArray(component),
            ["componentWithoutPayloadQueryInfos"] = new JsonArray(),
            ["projectionQueryInfo"] = null,
            ["componentWeights"] = null,
            ["skip"] = null,
            ["take"] = top,
            ["requiresGlobalStatistics"] = true,
        };
    }

    private static JsonObject EmptyInfo(int? top) => new()
    {
        ["distinctType"] = "None",
        ["top"] = top,
        ["offset"] = null,
        ["limit"] = null,
        ["orderBy"] = new JsonArray(),
        ["orderByExpressions"] = new JsonArray(),
        ["groupByExpressions"] = new JsonArray(),
        ["groupByAliases"] = new JsonArray(),
        ["aggregates"] = new JsonArray(),
        ["groupByAliasToAggregateType"] = new JsonObject(),
        ["rewrittenQuery"] = "",
        ["hasSelectValue"] = false,
        ["dCountInfo"] = null,
        ["hasNonStreamingOrderBy"] = false,
    };

    private static string Top(int? top) => top is { } n ? $"TOP {n} " : string.Empty;

    private static string Where(SqlQuery query, string? filter) => (query.Where, filter) switch
    {
        (null, null) => string.Empty,
        (null, { } f) => $"\nWHERE ({f})",
        ({ } w, null) => $"\nWHERE {w.Text}",
        ({ } w, { } f) => $"\nWHERE (({w.Text}) AND ({f}))",
    };

    private static string Payload(SqlQuery query) =>
        query.Star ? query.Alias
        : query.Value is not null ? query.Value.Text
        : "{" + string.Join(", ", query.Items.Select((item, i) => $"\"{item.Alias ?? (item.Expression is SqlProperty p ? p.Name : $"${i + 1}")}\": {item.Expression.Text}")) + "}";
}
