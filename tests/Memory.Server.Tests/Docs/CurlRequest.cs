using System.Text;

namespace MemoryFunctions.Server.Tests.Docs;

/// <summary>
/// The curl options the docs use (<c>-s</c>, <c>-i</c>, <c>-X</c>, <c>-H</c>, <c>-d</c> and a URL), as an HTTP request. An
/// option outside that set fails the test, so the docs never show a command this reading would get wrong.
/// </summary>
public sealed record CurlRequest(HttpMethod Method, Uri Url, IReadOnlyList<(string Name, string Value)> Headers, string? Body)
{
    public static CurlRequest Parse(IReadOnlyList<string> words, string where)
    {
        Assert.True(words.Count > 1 && words[0] == "curl", $"{where}: not a curl command");
        string? method = null;
        string? url = null;
        string? body = null;
        var headers = new List<(string, string)>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-s" or "-i" or "-si" or "-is":
                    break;
                case "-X":
                    method = words[++i];
                    break;
                case "-H":
                    var header = words[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    Assert.True(colon > 0, $"{where}: header without a colon: {header}");
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d":
                    body = words[++i];
                    break;
                case var word when word.StartsWith("http", StringComparison.Ordinal):
                    url = word;
                    break;
                default:
                    Assert.Fail($"{where}: the docs test does not read curl's '{words[i]}'");
                    break;
            }
        }

        Assert.True(url is not null, $"{where}: no URL");
        return new CurlRequest(new HttpMethod(method ?? (body is null ? "GET" : "POST")), new Uri(url), headers, body);
    }

    /// <summary>The request for a server at <paramref name="server"/>: the doc's path and query on the test server's port.</summary>
    public HttpRequestMessage ToMessage(Uri server)
    {
        var message = new HttpRequestMessage(Method, new Uri(server, Url.PathAndQuery));
        if (Body is not null)
        {
            var contentType = Headers.FirstOrDefault(h => h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value;
            // curl -d without a content-type header sends application/x-www-form-urlencoded.
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/x-www-form-urlencoded");
        }

        foreach (var (name, value) in Headers.Where(h => !h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.True(message.Headers.TryAddWithoutValidation(name, value), $"header {name} not sendable");
        }

        return message;
    }
}
