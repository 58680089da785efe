using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// Runs a page's curl examples in page order against a live server and collects every way an answer differs from what
/// the page says. Placeholders are filled the way a reader would: <c>mem_5c0e…</c> / <c>op_…</c> with the latest id of
/// that prefix the server answered, <c>&lt;nextCursor&gt;</c> with the latest value of that member, any other
/// <c>…</c> word with a fresh value. A GET whose answer differs is retried for a while (an operation the doc shows as
/// succeeded may still be running), as a reader polling it would.
/// </summary>
public sealed partial class DocWalkthrough(HttpClient client, Action<TimeSpan> advanceClock, TimeSpan pollBound)
{
    private readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);

    /// <summary>Every difference between the page's examples and the server's answers (empty: the page is right).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(string page, string markdown, IReadOnlyDictionary<string, string> extraVariables)
    {
        var (variables, examples) = MarkdownCurlExamples.Read(page, markdown);
        Assert.NotEmpty(examples);
        var all = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        foreach (var (name, value) in extraVariables)
        {
            all.TryAdd(name, value);
        }

        var failures = new List<string>();
        foreach (var example in examples)
        {
            advanceClock(TimeSpan.FromSeconds(1));
            failures.AddRange((await RunAsync(example, all)).Select(failure => $"{example}: {failure}"));
        }

        return failures;
    }

    private async Task<IReadOnlyList<string>> RunAsync(DocExample example, IReadOnlyDictionary<string, string> variables)
    {
        var (words, inline) = ShellWords.Split(example.Command, variables);
        CurlRequest request;
        try
        {
            request = CurlRequest.Parse([.. words.Select(Fill)], example.ToString());
        }
        catch (InvalidOperationException unfilled)
        {
            return [unfilled.Message];
        }


        var documented = DocumentedAnswer.Parse((inline is null ? string.Empty : inline + "\n") + example.Documented, example.ResponseBlock, example.ToString());
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var message = request.ToMessage(client.BaseAddress!);
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var failures = Check(documented, response, text);
            if (failures.Count == 0 || request.Method != HttpMethod.Get || waited.Elapsed > pollBound)
            {
                Remember(response, text);
                return failures.Count == 0 ? failures : [.. failures, $"{request.Method} {request.Url.PathAndQuery} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}"];
            }

            await Task.Delay(200);
        }
    }

    private static List<string> Check(DocumentedAnswer documented, HttpResponseMessage response, string text)
    {
        var failures = new List<string>();
        var status = (int)response.StatusCode;
        if (documented.Status is { } expected ? status != expected : status >= 300)
        {
            failures.Add($"status {status}, documented {documented.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a success"}");
        }

        foreach (var (name, pattern) in documented.Headers)
        {
            var values = response.Headers.TryGetValues(name, out var found) ? found
                : response.Content.Headers.TryGetValues(name, out var content) ? content : null;
            var value = values is null ? null : string.Join(", ", values);
            if (value is null)
            {
                failures.Add($"header {name} documented, not sent");
            }
            else if (pattern is not null && !DocumentedJson.Pattern(pattern).IsMatch(value))
            {
                failures.Add($"header {name}: documented {pattern}, sent {value}");
            }
        }

        if (documented.MediaType is { } mediaType && response.Content.Headers.ContentType?.MediaType != mediaType)
        {
            failures.Add($"content type {response.Content.Headers.ContentType?.MediaType}, documented {mediaType}");
        }

        if (documented.Body is not null)
        {
            JsonNode? answered = null;
            try
            {
                answered = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                failures.Add("documented a JSON body, answered something else");
            }

            DocumentedJson.Compare(documented.Body, answered, "$", failures);
        }

        return failures;
    }

    /// <summary>A word with its placeholders filled from earlier answers.</summary>
    private string Fill(string word)
    {
        var inUrl = word.StartsWith("http", StringComparison.Ordinal);
        word = NamedPlaceholder().Replace(word, match =>
            _latest.TryGetValue(match.Groups["name"].Value, out var value) ? inUrl ? Uri.EscapeDataString(value) : value
                : throw new InvalidOperationException($"<{match.Groups["name"].Value}> is used before any answer had that member"));
        return Elided().Replace(word, match => match.Groups["prefix"].Success
            ? _latest.TryGetValue("id:" + match.Groups["prefix"].Value, out var id) ? id : throw new InvalidOperationException($"{match.Value} is used before any answer had such an id")
            : "docs-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Keeps, per member name and per id prefix (keyed <c>id:mem</c>), the first value of this answer (the one a reader would copy).</summary>
    private void Remember(HttpResponseMessage response, string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Keep(string key, string value)
        {
            if (seen.Add(key))
            {
                _latest[key] = value;
            }
        }

        if (response.Headers.Location?.OriginalString is { } location && IdInText().Match(location) is { Success: true } fromLocation)
        {
            Keep("id:" + fromLocation.Groups["prefix"].Value, fromLocation.Value);
        }

        JsonNode? json;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        foreach (var (name, value) in Strings(json, null))
        {
            if (name is not null)
            {
                Keep(name, value);
            }

            if (Id().Match(value) is { Success: true } id)
            {
                Keep("id:" + id.Groups["prefix"].Value, value);
            }
        }
    }

    private static IEnumerable<(string? Name, string Value)> Strings(JsonNode? node, string? name) => node switch
    {
        JsonObject members => members.SelectMany(member => Strings(member.Value, member.Key)),
        JsonArray items => items.SelectMany(item => Strings(item, name)),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [(name, value.GetValue<string>())],
        _ => [],
    };

    [GeneratedRegex("<(?<name>[A-Za-z]+)>")]
    private static partial Regex NamedPlaceholder();

    [GeneratedRegex("(?:(?<prefix>[a-z]+)_)?[A-Za-z0-9]*…")]
    private static partial Regex Elided();

    [GeneratedRegex("^(?<prefix>[a-z]+)_[A-Za-z0-9_]+$")]
    private static partial Regex Id();

    [GeneratedRegex("(?<prefix>mem|op|trn)_[A-Za-z0-9_]+")]
    private static partial Regex IdInText();
}
