using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// Aggregates in a SELECT clause (<c>COUNT</c>, <c>SUM</c>, <c>COUNTIF</c>): the projection is computed once over every
/// matching document, as for <c>SELECT VALUE COUNT(1)</c> and the statistics query of a full-text plan.
/// </summary>
internal static class SqlAggregates
{
    public static bool Contains(SqlExpression? expression) => expression switch
    {
        SqlCall call => SqlFunctions.Aggregates.Contains(call.Name) || call.Arguments.Any(Contains),
        SqlObjectCreate create => create.Properties.Any(property => Contains(property.Value)),
        SqlArrayCreate create => create.Items.Any(Contains),
        SqlBinary binary => Contains(binary.Left) || Contains(binary.Right),
        SqlNot not => Contains(not.Operand),
        SqlProperty property => Contains(property.Target),
        _ => false,
    };

    public static SqlValue Evaluate(SqlExpression expression, IReadOnlyList<JsonObject> documents, SqlEvaluator evaluator)
    {
        switch (expression)
        {
            case SqlCall call when SqlFunctions.Aggregates.Contains(call.Name):
                var argument = call.Arguments.Count == 1 ? call.Arguments[0] : throw new SqlException($"{call.Name} takes one argument.");
                return call.Name switch
                {
                    "COUNT" => SqlValue.Of(documents.Count(document => evaluator.Evaluate(argument, document).IsDefined)),
                    "COUNTIF" => SqlValue.Of(documents.Count(document => evaluator.IsTrue(argument, document))),
                    _ => SqlValue.Of(documents.Sum(document => evaluator.Evaluate(argument, document).TryGetNumber(out var n) ? n : 0)),
                };
            case SqlObjectCreate create:
                var result = new JsonObject();
                foreach (var (name, value) in create.Properties)
                {
                    result[name] = Evaluate(value, documents, evaluator).ToResult();
                }

                return SqlValue.Of(result);
            case SqlArrayCreate create:
                return SqlValue.Of(new JsonArray(create.Items.Select(item => Evaluate(item, documents, evaluator).ToResult()).ToArray()));
            case SqlLiteral or SqlParameterRef:
                return evaluator.Evaluate(expression, null);
            default:
                throw new SqlException($"'{expression.Text}' must be inside an aggregate when the SELECT clause has one.");
        }
    }
}
