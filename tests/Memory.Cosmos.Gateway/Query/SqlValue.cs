using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// A query value: undefined (a missing property, a comparison of different types), JSON null, or a JSON node. Document nodes
/// are read in place, never copied, until a projection builds a result.
/// </summary>
internal readonly record struct SqlValue(JsonNode? Node, bool IsDefined)
{
    public static readonly SqlValue Undefined = new(null, false);

    public static readonly SqlValue Null = new(null, true);

    public static readonly SqlValue True = Of(true);

    public static readonly SqlValue False = Of(false);

    public bool IsNull => IsDefined && Node is null;

    public JsonValueKind Kind => !IsDefined ? JsonValueKind.Undefined : Node?.GetValueKind() ?? JsonValueKind.Null;

    public static SqlValue Of(JsonNode? node) => new(node, true);

    public static SqlValue Of(bool value) => new(JsonValue.Create(value), true);

    public static SqlValue Of(double value) => new(JsonValue.Create(value), true);

    public static SqlValue Of(string value) => new(JsonValue.Create(value), true);

    public bool TryGetBoolean(out bool value)
    {
        value = Kind == JsonValueKind.True;
        return Kind is JsonValueKind.True or JsonValueKind.False;
    }

    public bool TryGetNumber(out double value)
    {
        value = Kind == JsonValueKind.Number ? NumberOf(Node!) : 0;
        return Kind == JsonValueKind.Number;
    }

    public bool TryGetString(out string value)
    {
        value = Kind == JsonValueKind.String ? Node!.GetValue<string>() : string.Empty;
        return Kind == JsonValueKind.String;
    }

    /// <summary>A copy to place in a result (a node can have one parent only); undefined becomes null, which callers drop.</summary>
    public JsonNode? ToResult() => IsDefined ? Node?.DeepClone() : null;

    /// <summary>Equality as the engine evaluates <c>=</c>: numbers by value, objects and arrays deeply; other types compare unequal.</summary>
    public static bool Same(SqlValue left, SqlValue right)
    {
        var kind = Group(left.Kind);
        if (kind != Group(right.Kind))
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.True => left.Kind == right.Kind,
            JsonValueKind.Number => NumberOf(left.Node!) == NumberOf(right.Node!),
            JsonValueKind.String => string.Equals(left.Node!.GetValue<string>(), right.Node!.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.Array => left.Node!.AsArray().Count == right.Node!.AsArray().Count
                && left.Node.AsArray().Zip(right.Node.AsArray()).All(pair => Same(Of(pair.First), Of(pair.Second))),
            JsonValueKind.Object => left.Node!.AsObject().Count == right.Node!.AsObject().Count
                && left.Node.AsObject().All(pair => right.Node!.AsObject().TryGetPropertyValue(pair.Key, out var other) && Same(Of(pair.Value), Of(other))),
            _ => false,
        };
    }

    /// <summary>
    /// The ORDER BY order across types: undefined, null, booleans, numbers, strings, arrays, objects
    /// (https://learn.microsoft.com/azure/cosmos-db/nosql/query/order-by); within a type by value, strings ordinally.
    /// </summary>
    public static int Order(SqlValue left, SqlValue right)
    {
        var byType = Rank(left.Kind).CompareTo(Rank(right.Kind));
        if (byType != 0)
        {
            return byType;
        }

        return left.Kind switch
        {
            JsonValueKind.Number => NumberOf(left.Node!).CompareTo(NumberOf(right.Node!)),
            JsonValueKind.String => string.CompareOrdinal(left.Node!.GetValue<string>(), right.Node!.GetValue<string>()),
            JsonValueKind.False or JsonValueKind.True => left.Kind.CompareTo(right.Kind) * -1,
            _ => 0,
        };
    }

    /// <summary>A JSON number as a double, whichever CLR type holds it (parsed documents hold elements, built values primitives).</summary>
    public static double NumberOf(JsonNode node)
    {
        var value = node.AsValue();
        return value.TryGetValue<double>(out var d) ? d
            : value.TryGetValue<long>(out var l) ? l
            : value.TryGetValue<int>(out var i) ? i
            : value.TryGetValue<float>(out var f) ? f
            : (double)value.GetValue<decimal>();
    }

    private static JsonValueKind Group(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static int Rank(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => 0,
        JsonValueKind.Null => 1,
        JsonValueKind.False or JsonValueKind.True => 2,
        JsonValueKind.Number => 3,
        JsonValueKind.String => 4,
        JsonValueKind.Array => 5,
        _ => 6,
    };
}
