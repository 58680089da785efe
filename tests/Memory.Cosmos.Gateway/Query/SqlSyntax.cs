namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// The query syntax the gateway understands: the closed set of shapes the store emits plus what the SDK rewrites them into
/// (https://learn.microsoft.com/azure/cosmos-db/nosql/query/select and the scalar expression grammar it links). Each node keeps
/// its source text, so a plan's rewritten query is assembled from the caller's own expressions.
/// </summary>
internal abstract record SqlExpression(string Text);

internal sealed record SqlLiteral(SqlValue Value, string Text) : SqlExpression(Text);

internal sealed record SqlParameterRef(string Name, string Text) : SqlExpression(Text);

/// <summary>The FROM alias, e.g. <c>c</c>: the document itself.</summary>
internal sealed record SqlRoot(string Text) : SqlExpression(Text);

internal sealed record SqlProperty(SqlExpression Target, string Name, string Text) : SqlExpression(Text);

internal sealed record SqlIndex(SqlExpression Target, int Index, string Text) : SqlExpression(Text);

internal sealed record SqlObjectCreate(IReadOnlyList<KeyValuePair<string, SqlExpression>> Properties, string Text) : SqlExpression(Text);

internal sealed record SqlArrayCreate(IReadOnlyList<SqlExpression> Items, string Text) : SqlExpression(Text);

/// <summary>A system function call; <see cref="Name"/> is upper-cased (system functions are case-insensitive).</summary>
internal sealed record SqlCall(string Name, IReadOnlyList<SqlExpression> Arguments, string Text) : SqlExpression(Text);

internal sealed record SqlBinary(string Operator, SqlExpression Left, SqlExpression Right, string Text) : SqlExpression(Text);

internal sealed record SqlNot(SqlExpression Operand, string Text) : SqlExpression(Text);

internal sealed record SqlIn(SqlExpression Value, IReadOnlyList<SqlExpression> Items, bool Negated, string Text) : SqlExpression(Text);

internal sealed record SqlSelectItem(SqlExpression Expression, string? Alias);

/// <summary>An ORDER BY item; <see cref="Descending"/> null when no direction was written.</summary>
internal sealed record SqlOrderItem(SqlExpression Expression, bool? Descending);

/// <summary>
/// <c>SELECT [TOP n] (* | VALUE e | e [AS a], ...) FROM alias [WHERE e] [ORDER BY (RANK e | e [ASC|DESC], ...)]</c>; a patch
/// condition is the same without its SELECT clause (<see cref="HasSelect"/> false).
/// </summary>
internal sealed record SqlQuery(
    bool HasSelect,
    int? Top,
    bool Star,
    SqlExpression? Value,
    IReadOnlyList<SqlSelectItem> Items,
    string Alias,
    SqlExpression? Where,
    IReadOnlyList<SqlOrderItem> OrderBy,
    SqlExpression? Rank);

/// <summary>A query the service would refuse with 400 (syntax, unknown function, a feature outside the documented grammar).</summary>
internal sealed class SqlException(string message) : Exception(message);
