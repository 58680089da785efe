using System.Globalization;
using System.Text;

namespace MemoryFunctions.Cosmos.Gateway.Query;

internal enum SqlTokenKind
{
    Identifier,
    Number,
    String,
    Parameter,
    Symbol,
    End,
}

/// <summary>One token and where it starts and ends in the query text.</summary>
internal sealed record SqlToken(SqlTokenKind Kind, string Value, int Start, int End)
{
    public bool Is(string symbolOrKeyword) =>
        Kind is SqlTokenKind.Symbol or SqlTokenKind.Identifier && string.Equals(Value, symbolOrKeyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits query text into tokens: identifiers and keywords, numbers, quoted strings, @parameters and symbols.</summary>
internal static class SqlLexer
{
    private static readonly string[] Symbols = ["!=", "<>", "<=", ">=", "??", "(", ")", "[", "]", "{", "}", ",", ".", ":", "*", "=", "<", ">", "-", "+"];

    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.End, string.Empty, i, i));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Identifier, text[start..i], start, i));
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, text[start..i], start, i));
            }
            else if (c == '@')
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Parameter, text[start..i], start, i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new SqlToken(SqlTokenKind.String, ReadString(text, ref i), start, i));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new SqlException($"Syntax error, invalid character '{c}' at {i}.");
                i += symbol.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, symbol, start, i));
            }
        }
    }

    public static double ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new SqlException($"Syntax error, invalid number '{text}'.");

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new SqlException("Syntax error, unterminated string literal.");
            }

            var c = text[i++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escaped = i < text.Length ? text[i++] : throw new SqlException("Syntax error, unterminated escape.");
            value.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'u' => (char)int.Parse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                _ => escaped,
            });
            if (escaped == 'u')
            {
                i += 4;
            }
        }
    }
}
