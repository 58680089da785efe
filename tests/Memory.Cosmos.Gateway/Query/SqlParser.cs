using System.Globalization;

namespace MemoryFunctions.Cosmos.Gateway.Query;

/// <summary>
/// Recursive-descent parser for the documented grammar subset the store and the SDK's rewrites use
/// (https://learn.microsoft.com/azure/cosmos-db/nosql/query/select, .../where, .../order-by). It is strict where the grammar
/// is: a property name in brackets is a string literal and an array index an integer literal — a parameter there is a
/// syntax error, whatever a lenient engine might accept.
/// </summary>
internal sealed class SqlParser
{
    private readonly string _text;
    private readonly List<SqlToken> _tokens;
    private readonly string _alias;
    private int _position;

    private SqlParser(string text)
    {
        _text = text;
        _tokens = SqlLexer.Tokenize(text);
        var from = _tokens.FindIndex(token => token.Is("FROM"));
        _alias = from >= 0 && _tokens[from + 1].Kind == SqlTokenKind.Identifier
            ? _tokens[from + 1].Value
            : throw new SqlException("Syntax error: a query needs FROM <alias>.");
    }

    private SqlToken Current => _tokens[_position];

    /// <summary>A full query, or a patch condition (<c>FROM c WHERE ...</c>).</summary>
    public static SqlQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SqlParser(text).ParseQuery();
    }

    private SqlQuery ParseQuery()
    {
        var hasSelect = Accept("SELECT");
        int? top = null;
        var star = false;
        SqlExpression? value = null;
        var items = new List<SqlSelectItem>();
        if (hasSelect)
        {
            if (Accept("TOP"))
            {
                top = Current.Kind == SqlTokenKind.Number && int.TryParse(Current.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new SqlException($"Syntax error near '{Current.Value}': the gateway models TOP with an integer literal only.");
                _position++;
            }

            if (Accept("*"))
            {
                star = true;
            }
            else if (Accept("VALUE"))
            {
                value = ParseExpression();
            }
            else
            {
                do
                {
                    var expression = ParseExpression();
                    items.Add(new SqlSelectItem(expression, Accept("AS") ? Identifier() : null));
                }
                while (Accept(","));
            }
        }

        Expect("FROM");
        _position++;
        var where = Accept("WHERE") ? ParseExpression() : null;
        var orderBy = new List<SqlOrderItem>();
        SqlExpression? rank = null;
        if (Accept("ORDER"))
        {
            Expect("BY");
            if (Accept("RANK"))
            {
                rank = ParseExpression();
            }
            else
            {
                do
                {
                    var expression = ParseExpression();
                    bool? descending = Accept("DESC") ? true : Accept("ASC") ? false : null;
                    orderBy.Add(new SqlOrderItem(expression, descending));
                }
                while (Accept(","));
            }
        }

        if (Current.Kind != SqlTokenKind.End)
        {
            throw new SqlException($"Syntax error, incorrect syntax near '{Current.Value}'.");
        }

        return new SqlQuery(hasSelect, top, star, value, items, _alias, where, orderBy, rank);
    }

    private SqlExpression ParseExpression() => ParseBinary(0);

    private static readonly string[][] Levels = [["OR"], ["AND"]];

    private static readonly string[] Comparisons = ["=", "!=", "<>", "<", "<=", ">", ">="];

    private SqlExpression ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseNot();
        }

        var start = Current.Start;
        var left = ParseBinary(level + 1);
        while (Levels[level].FirstOrDefault(op => Current.Is(op)) is { } op)
        {
            _position++;
            var right = ParseBinary(level + 1);
            left = new SqlBinary(op.ToUpperInvariant(), left, right, Span(start));
        }

        return left;
    }

    private SqlExpression ParseNot()
    {
        var start = Current.Start;
        return Accept("NOT") ? new SqlNot(ParseNot(), Span(start)) : ParseComparison();
    }

    private SqlExpression ParseComparison()
    {
        var start = Current.Start;
        var left = ParseCoalesce();
        if (Comparisons.FirstOrDefault(op => Current.Kind == SqlTokenKind.Symbol && Current.Value == op) is { } op)
        {
            _position++;
            return new SqlBinary(op == "<>" ? "!=" : op, left, ParseCoalesce(), Span(start));
        }

        var negated = Current.Is("NOT") && _tokens[_position + 1].Is("IN");
        if (negated || Current.Is("IN"))
        {
            _position += negated ? 2 : 1;
            Expect("(");
            var items = new List<SqlExpression>();
            do
            {
                items.Add(ParseCoalesce());
            }
            while (Accept(","));
            Expect(")");
            return new SqlIn(left, items, negated, Span(start));
        }

        return left;
    }

    private SqlExpression ParseCoalesce()
    {
        var start = Current.Start;
        var left = ParsePostfix();
        while (Accept("??"))
        {
            left = new SqlBinary("??", left, ParsePostfix(), Span(start));
        }

        return left;
    }

    private SqlExpression ParsePostfix()
    {
        var start = Current.Start;
        var expression = ParsePrimary();
        while (true)
        {
            if (Accept("."))
            {
                expression = new SqlProperty(expression, Identifier(), Span(start));
            }
            else if (Accept("["))
            {
                var token = Current;
                _position++;
                expression = token.Kind switch
                {
                    SqlTokenKind.String => new SqlProperty(expression, token.Value, Span(start, Current.End)),
                    SqlTokenKind.Number when int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new SqlIndex(expression, index, Span(start, Current.End)),

                    // The grammar's bracket accessor takes "property_name" or an array index literal; a parameter there is
                    // outside it (https://learn.microsoft.com/azure/cosmos-db/nosql/query/select#remarks), so the double refuses it.
                    _ => throw new SqlException(
                        $"Syntax error, incorrect syntax near '{token.Value}': a property name in brackets must be a string literal and an array index an integer literal."),
                };
                Expect("]");
            }
            else
            {
                return expression;
            }
        }
    }

    private SqlExpression ParsePrimary()
    {
        var token = Current;
        var start = token.Start;
        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                _position++;
                return new SqlLiteral(SqlValue.Of(SqlLexer.ParseNumber(token.Value)), Span(start));
            case SqlTokenKind.String:
                _position++;
                return new SqlLiteral(SqlValue.Of(token.Value), Span(start));
            case SqlTokenKind.Parameter:
                _position++;
                return new SqlParameterRef(token.Value, Span(start));
        }

        if (Accept("-"))
        {
            var number = Current.Kind == SqlTokenKind.Number ? SqlLexer.ParseNumber(Current.Value) : throw new SqlException("Syntax error near '-'.");
            _position++;
            return new SqlLiteral(SqlValue.Of(-number), Span(start));
        }

        if (Accept("("))
        {
            var inner = ParseExpression();
            Expect(")");
            return inner;
        }

        if (Accept("{"))
        {
            var properties = new List<KeyValuePair<string, SqlExpression>>();
            if (!Accept("}"))
            {
                do
                {
                    var name = Current.Kind is SqlTokenKind.String or SqlTokenKind.Identifier ? Current.Value : throw new SqlException($"Syntax error near '{Current.Value}'.");
                    _position++;
                    Expect(":");
                    properties.Add(new(name, ParseExpression()));
                }
                while (Accept(","));
                Expect("}");
            }

            return new SqlObjectCreate(properties, Span(start));
        }

        if (Accept("["))
        {
            var items = new List<SqlExpression>();
            if (!Accept("]"))
            {
                do
                {
                    items.Add(ParseExpression());
                }
                while (Accept(","));
                Expect("]");
            }

            return new SqlArrayCreate(items, Span(start));
        }

        var name2 = Identifier();
        if (Accept("("))
        {
            var arguments = new List<SqlExpression>();
            if (!Accept(")"))
            {
                do
                {
                    arguments.Add(ParseExpression());
                }
                while (Accept(","));
                Expect(")");
            }

            return new SqlCall(name2.ToUpperInvariant(), arguments, Span(start));
        }

        return name2.ToUpperInvariant() switch
        {
            "TRUE" => new SqlLiteral(SqlValue.True, Span(start)),
            "FALSE" => new SqlLiteral(SqlValue.False, Span(start)),
            "NULL" => new SqlLiteral(SqlValue.Null, Span(start)),
            "UNDEFINED" => new SqlLiteral(SqlValue.Undefined, Span(start)),
            _ when string.Equals(name2, _alias, StringComparison.Ordinal) => new SqlRoot(Span(start)),
            _ => throw new SqlException($"Identifier '{name2}' could not be resolved."),
        };
    }

    private string Identifier()
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.Identifier)
        {
            throw new SqlException($"Syntax error, incorrect syntax near '{token.Value}'.");
        }

        _position++;
        return token.Value;
    }

    private bool Accept(string symbolOrKeyword)
    {
        if (!Current.Is(symbolOrKeyword))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(string symbolOrKeyword)
    {
        if (!Accept(symbolOrKeyword))
        {
            throw new SqlException($"Syntax error, expected '{symbolOrKeyword}' near '{Current.Value}'.");
        }
    }

    private string Span(int start) => Span(start, _tokens[_position - 1].End);

    private string Span(int start, int end) => _text[start..end];

}
