using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// What a doc comment promises: <c># 201 Created, Location: /api/users/alice/memories/mem_…, ETag: "…"</c> or
/// <c># 200 {"items":[…],"nextCursor":"…"}</c>. The status is the number the comment starts with (after an optional
/// <c>HTTP/1.1</c>); headers are the ones named with a value (<c>Location: …</c>) or as "<c>ETag header</c>"; the body is
/// the first JSON object, where <c>…</c> stands for "anything": inside a string it matches any text, elsewhere it is
/// elided (<c>[…]</c> is an array the doc does not detail, <c>, …</c> more members).
/// </summary>
public sealed partial record DocumentedAnswer(int? Status, IReadOnlyDictionary<string, string?> Headers, string? MediaType, JsonObject? Body)
{
    private static readonly string[] KnownHeaders = ["Location", "ETag", "Retry-After", "Content-Type"];

    public static DocumentedAnswer Parse(string comment, string? responseBlock, string where)
    {
        var status = StatusLine().Match(comment);
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in KnownHeaders)
        {
            var valued = Regex.Match(comment, $@"(?<![\w-]){Regex.Escape(name)}:\s*(?<value>""[^""]*""|[^,\s]+)");
            if (valued.Success)
            {
                headers[name] = valued.Groups["value"].Value;
            }
            else if (Regex.IsMatch(comment, $@"(?<![\w-]){Regex.Escape(name)} header"))
            {
                headers[name] = null;
            }
        }

        var mediaType = comment.Contains("application/problem+json", StringComparison.Ordinal) ? "application/problem+json" : null;
        var json = responseBlock ?? FirstObject(comment);
        JsonObject? body = null;
        if (json is not null)
        {
            var lenient = Elide(json.Replace("\n", string.Empty, StringComparison.Ordinal));
            try
            {
                body = JsonNode.Parse(lenient)!.AsObject();
            }
            catch (System.Text.Json.JsonException e)
            {
                Assert.Fail($"{where}: the documented JSON does not parse once '…' is elided ({e.Message}): {lenient}");
            }
        }

        return new DocumentedAnswer(status.Success ? int.Parse(status.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture) : null, headers, mediaType, body);
    }

    /// <summary>The first balanced <c>{…}</c> of the text (quotes respected), or null.</summary>
    private static string? FirstObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{' || c == '[')
            {
                depth++;
            }
            else if ((c == '}' || c == ']') && --depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        return text[start..];
    }

    /// <summary>Drops <c>…</c> outside strings and the commas it leaves dangling.</summary>
    private static string Elide(string json)
    {
        var kept = new StringBuilder();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString && c == '\\')
            {
                kept.Append(c).Append(json[++i]);
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            if (inString || c != '…')
            {
                kept.Append(c);
            }
        }

        var text = kept.ToString();
        text = Regex.Replace(text, @",\s*(?=[}\]])", string.Empty);
        text = Regex.Replace(text, @"(?<=[{\[])\s*,", string.Empty);
        return Regex.Replace(text, @",\s*,", ",");
    }

    [GeneratedRegex(@"^\s*(HTTP/1\.1\s+)?(?<status>[1-5]\d\d)\b")]
    private static partial Regex StatusLine();
}
