using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// The system functions of the closed query set, by their documented names
/// (https://learn.microsoft.com/azure/cosmos-db/nosql/query/system-functions), plus the internal ones the service writes into
/// the plans it returns (<c>_FullTextScore</c>, <c>_FullTextWordCount</c>). Anything else is refused like an unknown function.
/// </summary>
internal static class SqlFunctions
{
    /// <summary>Functions whose value is computed over all matching documents (valid in a SELECT clause only).</summary>
    public static readonly IReadOnlySet<string> Aggregates = new HashSet<string>(StringComparer.Ordinal) { "COUNT", "SUM", "COUNTIF" };

    public static SqlValue Call(SqlEvaluator evaluator, SqlCall call, JsonObject? document)
    {
        SqlValue Arg(int i) => i < call.Arguments.Count ? evaluator.Evaluate(call.Arguments[i], document) : SqlValue.Undefined;
        switch (call.Name)
        {
            case "IS_DEFINED": return SqlValue.Of(Arg(0).IsDefined);
            case "IS_NULL": return SqlValue.Of(Arg(0).IsNull);
            case "IS_STRING": return SqlValue.Of(Arg(0).Kind == JsonValueKind.String);
            case "IS_NUMBER": return SqlValue.Of(Arg(0).Kind == JsonValueKind.Number);
            case "IS_BOOL": return SqlValue.Of(Arg(0).Kind is JsonValueKind.True or JsonValueKind.False);
            case "IS_ARRAY": return SqlValue.Of(Arg(0).Kind == JsonValueKind.Array);
            case "IS_OBJECT": return SqlValue.Of(Arg(0).Kind == JsonValueKind.Object);
            case "IS_PRIMITIVE": return SqlValue.Of(Arg(0).Kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null);
            case "ARRAY_CONTAINS": return ArrayContains(Arg(0), Arg(1), Arg(2));
            case "OBJECTTOARRAY": return ObjectToArray(Arg(0), call.Arguments.Count > 1 ? Arg(1) : SqlValue.Of("k"), call.Arguments.Count > 2 ? Arg(2) : SqlValue.Of("v"));
            case "VECTORDISTANCE": return VectorDistance(Arg(0), Arg(1), evaluator.DistanceFunction);
            case "FULLTEXTCONTAINS": return FullTextMatch(call, evaluator, document, all: true, single: true);
            case "FULLTEXTCONTAINSALL": return FullTextMatch(call, evaluator, document, all: true, single: false);
            case "FULLTEXTCONTAINSANY": return FullTextMatch(call, evaluator, document, all: false, single: false);
            case "_FULLTEXTWORDCOUNT": return Arg(0).TryGetString(out var text) ? SqlValue.Of(FullText.Tokens(text).Count) : SqlValue.Undefined;
            case "_FULLTEXTSCORE": return Score(Arg(0), Arg(1), Arg(2), Arg(3), Arg(4));
            case "FULLTEXTSCORE" or "RRF":
                // Documented: FullTextScore (and RRF over it) can only be used in ORDER BY RANK, never projected or filtered on.
                throw new SqlException($"{call.Name} can only be used in an ORDER BY RANK clause.");
            default:
                throw new SqlException(Aggregates.Contains(call.Name)
                    ? $"Aggregate {call.Name} is only valid in the SELECT clause."
                    : $"'{call.Name}' is not a recognized built-in function name (or is outside what the gateway models).");
        }
    }

    private static SqlValue ArrayContains(SqlValue array, SqlValue value, SqlValue partial)
    {
        if (array.Node is not JsonArray items || !value.IsDefined)
        {
            return SqlValue.Undefined;
        }

        var partialMatch = partial.TryGetBoolean(out var flag) && flag;
        return SqlValue.Of(items.Any(item => partialMatch && value.Node is JsonObject wanted && item is JsonObject candidate
            ? wanted.All(pair => candidate.TryGetPropertyValue(pair.Key, out var other) && SqlValue.Same(SqlValue.Of(pair.Value), SqlValue.Of(other)))
            : SqlValue.Same(SqlValue.Of(item), value)));
    }

    private static SqlValue ObjectToArray(SqlValue value, SqlValue keyName, SqlValue valueName)
    {
        if (value.Node is not JsonObject source || !keyName.TryGetString(out var k) || !valueName.TryGetString(out var v))
        {
            return SqlValue.Undefined;
        }

        return SqlValue.Of(new JsonArray(source.Select(pair => (JsonNode)new JsonObject { [k] = pair.Key, [v] = pair.Value?.DeepClone() }).ToArray()));
    }

    /// <summary>The container's distance function decides what VectorDistance returns: cosine similarity here (higher is closer).</summary>
    private static SqlValue VectorDistance(SqlValue left, SqlValue right, string distanceFunction)
    {
        if (left.Node is not JsonArray a || right.Node is not JsonArray b || a.Count != b.Count || a.Count == 0)
        {
            return SqlValue.Undefined;
        }

        double dot = 0, normA = 0, normB = 0, squared = 0;
        for (var i = 0; i < a.Count; i++)
        {
            var x = SqlValue.NumberOf(a[i]!);
            var y = SqlValue.NumberOf(b[i]!);
            dot += x * y;
            normA += x * x;
            normB += y * y;
            squared += (x - y) * (x - y);
        }

        return distanceFunction switch
        {
            "cosine" => SqlValue.Of(normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB)),
            "dotproduct" => SqlValue.Of(dot),
            _ => SqlValue.Of(Math.Sqrt(squared)),
        };
    }

    private static SqlValue FullTextMatch(SqlCall call, SqlEvaluator evaluator, JsonObject? document, bool all, bool single)
    {
        if (call.Arguments.Count < 2 || (single && call.Arguments.Count != 2))
        {
            throw new SqlException($"{call.Name} takes a property path and {(single ? "one term" : "one or more terms")}.");
        }

        if (!evaluator.Evaluate(call.Arguments[0], document).TryGetString(out var text))
        {
            return SqlValue.Undefined;
        }

        var tokens = FullText.Tokens(text);
        var terms = call.Arguments.Skip(1).Select(argument => evaluator.Evaluate(argument, document).TryGetString(out var term)
            ? term
            : throw new SqlException($"{call.Name} terms must be strings."));
        return SqlValue.Of(all ? terms.All(term => FullText.Contains(tokens, term)) : terms.Any(term => FullText.Contains(tokens, term)));
    }

    private static SqlValue Score(SqlValue text, SqlValue terms, SqlValue documentCount, SqlValue totalWords, SqlValue hitCounts)
    {
        if (!text.TryGetString(out var value) || terms.Node is not JsonArray termArray || !documentCount.TryGetNumber(out var n)
            || !totalWords.TryGetNumber(out var total) || hitCounts.Node is not JsonArray hits)
        {
            return SqlValue.Undefined;
        }

        return SqlValue.Of(FullText.Bm25(
            FullText.Tokens(value), termArray.Select(term => term!.GetValue<string>()).ToList(), n, total, hits.Select(hit => SqlValue.NumberOf(hit!)).ToList()));
    }
}
