using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// Whether an answer has everything a documented JSON body shows: every member (by exact name, recursively; an array
/// element of the doc against the answer's element at the same index), every boolean and plain string as written, strings
/// with <c>…</c> as patterns (an id's illustrative hex before <c>…</c> included), timestamps as any ISO 8601 instant and
/// numbers as any number. Members the doc leaves out are allowed.
/// </summary>
public static class DocumentedJson
{
    public static void Compare(JsonNode? documented, JsonNode? actual, string path, List<string> failures)
    {
        switch (documented)
        {
            case null:
                if (actual is not null)
                {
                    failures.Add($"{path}: documented null, answered {actual.ToJsonString()}");
                }

                break;
            case JsonObject members:
                if (actual is not JsonObject answered)
                {
                    failures.Add($"{path}: documented an object, answered {Show(actual)}");
                    return;
                }

                foreach (var (name, value) in members)
                {
                    if (!answered.TryGetPropertyValue(name, out var actualValue))
                    {
                        failures.Add($"{path}.{name}: documented, absent from the answer");
                        continue;
                    }

                    Compare(value, actualValue, $"{path}.{name}", failures);
                }

                break;
            case JsonArray items:
                if (actual is not JsonArray answeredItems || answeredItems.Count < items.Count)
                {
                    failures.Add($"{path}: documented {items.Count} element(s), answered {Show(actual)}");
                    return;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Compare(items[i], answeredItems[i], $"{path}[{i}]", failures);
                }

                break;
            case JsonValue value:
                CompareValue(value, actual, path, failures);
                break;
        }
    }

    private static void CompareValue(JsonValue documented, JsonNode? actual, string path, List<string> failures)
    {
        var kind = documented.GetValueKind();
        var actualKind = actual?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
        {
            if (actualKind == JsonValueKind.Number && kind == JsonValueKind.Number)
            {
                return;
            }

            if (actualKind != kind)
            {
                failures.Add($"{path}: documented {documented.ToJsonString()}, answered {Show(actual)}");
            }

            return;
        }

        var text = documented.GetValue<string>();
        if (actualKind != JsonValueKind.String)
        {
            failures.Add($"{path}: documented a string, answered {Show(actual)}");
            return;
        }

        var answered = actual!.GetValue<string>();
        var matches = text.Contains('…', StringComparison.Ordinal) ? Pattern(text).IsMatch(answered)
            : IsInstant(text) ? IsInstant(answered)
            : text == answered;
        if (!matches)
        {
            failures.Add($"{path}: documented \"{text}\", answered \"{answered}\"");
        }
    }

    /// <summary><c>…</c> matches any text; so do the hex digits an illustrative id shows before it (<c>mem_5c0e…</c>).</summary>
    public static Regex Pattern(string documented) =>
        new("^" + Regex.Replace(Regex.Escape(documented), "(?<=_)[0-9a-f]*…|…", ".*") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static bool IsInstant(string text) =>
        text.Length >= 20 && text[10] == 'T'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string Show(JsonNode? node) => node?.ToJsonString() is { } json ? json[..Math.Min(json.Length, 300)] : "nothing";
}
