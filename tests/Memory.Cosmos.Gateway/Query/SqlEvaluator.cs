using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// Evaluates expressions against one document with the engine's three-valued logic: a comparison of different types or
/// with undefined is undefined, a filter keeps a document only when its condition is true
/// (https://learn.microsoft.com/azure/cosmos-db/nosql/query/where, .../equality-comparison-operators).
/// </summary>
internal sealed class SqlEvaluator(IReadOnlyDictionary<string, SqlValue> parameters, string distanceFunction)
{
    public IReadOnlyDictionary<string, SqlValue> Parameters { get; } = parameters;

    public string DistanceFunction { get; } = distanceFunction;

    public bool IsTrue(SqlExpression expression, JsonObject? document) => Evaluate(expression, document).Kind == JsonValueKind.True;

    public SqlValue Evaluate(SqlExpression expression, JsonObject? document) => expression switch
    {
        SqlLiteral literal => literal.Value,
        SqlParameterRef parameter => Parameters.TryGetValue(parameter.Name, out var bound)
            ? bound
            : throw new SqlException($"Parameter '{parameter.Name}' is used but not defined."),
        SqlRoot => document is null ? throw new SqlException("A document reference needs an aggregate here.") : SqlValue.Of(document),
        SqlProperty property => Evaluate(property.Target, document).Node is JsonObject target && target.TryGetPropertyValue(property.Name, out var child)
            ? SqlValue.Of(child)
            : SqlValue.Undefined,
        SqlIndex index => Evaluate(index.Target, document).Node is JsonArray array && index.Index < array.Count
            ? SqlValue.Of(array[index.Index])
            : SqlValue.Undefined,
        SqlObjectCreate create => Object(create, document),
        SqlArrayCreate create => SqlValue.Of(new JsonArray(create.Items.Select(item => Evaluate(item, document)).Where(v => v.IsDefined).Select(v => v.ToResult()).ToArray())),
        SqlNot not => Evaluate(not.Operand, document).TryGetBoolean(out var b) ? SqlValue.Of(!b) : SqlValue.Undefined,
        SqlIn @in => In(@in, document),
        SqlBinary binary => Binary(binary, document),
        SqlCall call => SqlFunctions.Call(this, call, document),
        _ => throw new SqlException($"Unsupported expression '{expression.Text}'."),
    };

    private SqlValue Object(SqlObjectCreate create, JsonObject? document)
    {
        var result = new JsonObject();
        foreach (var (name, expression) in create.Properties)
        {
            var value = Evaluate(expression, document);
            if (value.IsDefined)
            {
                result[name] = value.ToResult();
            }
        }

        return SqlValue.Of(result);
    }

    private SqlValue In(SqlIn @in, JsonObject? document)
    {
        var value = Evaluate(@in.Value, document);
        if (!value.IsDefined)
        {
            return SqlValue.Undefined;
        }

        var found = @in.Items.Any(item => SqlValue.Same(value, Evaluate(item, document)));
        return SqlValue.Of(found != @in.Negated);
    }

    private SqlValue Binary(SqlBinary binary, JsonObject? document)
    {
        var left = Evaluate(binary.Left, document);
        switch (binary.Operator)
        {
            case "AND":
                var leftAnd = left.TryGetBoolean(out var l1) ? l1 : (bool?)null;
                if (leftAnd == false)
                {
                    return SqlValue.False;
                }

                var rightAnd = Evaluate(binary.Right, document).TryGetBoolean(out var r1) ? r1 : (bool?)null;
                return rightAnd == false ? SqlValue.False : leftAnd == true && rightAnd == true ? SqlValue.True : SqlValue.Undefined;
            case "OR":
                var leftOr = left.TryGetBoolean(out var l2) ? l2 : (bool?)null;
                if (leftOr == true)
                {
                    return SqlValue.True;
                }

                var rightOr = Evaluate(binary.Right, document).TryGetBoolean(out var r2) ? r2 : (bool?)null;
                return rightOr == true ? SqlValue.True : leftOr == false && rightOr == false ? SqlValue.False : SqlValue.Undefined;
            case "??":
                return left.IsDefined ? left : Evaluate(binary.Right, document);
        }

        var right = Evaluate(binary.Right, document);
        if (!left.IsDefined || !right.IsDefined || !Comparable(left, right))
        {
            return SqlValue.Undefined;
        }

        return binary.Operator switch
        {
            "=" => SqlValue.Of(SqlValue.Same(left, right)),
            "!=" => SqlValue.Of(!SqlValue.Same(left, right)),
            "<" => SqlValue.Of(SqlValue.Order(left, right) < 0),
            "<=" => SqlValue.Of(SqlValue.Order(left, right) <= 0),
            ">" => SqlValue.Of(SqlValue.Order(left, right) > 0),
            ">=" => SqlValue.Of(SqlValue.Order(left, right) >= 0),
            _ => throw new SqlException($"Unsupported operator '{binary.Operator}'."),
        };
    }

    /// <summary>Comparison operands must be of one type (booleans count as one); otherwise the result is undefined.</summary>
    private static bool Comparable(SqlValue left, SqlValue right)
    {
        static JsonValueKind Group(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
        return Group(left.Kind) == Group(right.Kind);
    }
}
