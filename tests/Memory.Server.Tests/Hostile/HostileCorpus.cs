using System.Text;

namespace MemoryFunctions.Server.Tests.Hostile;

/// <summary>
/// The hostile request corpus, as a table: every route gets broken and adversarial input. Each case must be refused
/// with a 4xx problem (or, for free-text filter values, matched literally and find nothing) and change nothing.
/// </summary>
public static partial class HostileCorpus
{
    /// <summary>A little over the default 1 MiB body limit.</summary>
    public const int OverLimit = (1024 * 1024) + 1;

    public const string Memories = "/api/users/{user}/memories";
    public const string Memory = "/api/users/{user}/memories/{id}";
    public const string Search = "/api/users/{user}/search";
    public const string Context = "/api/users/{user}/context";
    public const string Messages = "/api/users/{user}/messages";
    public const string EventGrid = "/api/eventgrid";

    /// <summary>Every body-carrying route, with a body that would be valid there, for malformations to start from.</summary>
    public static readonly IReadOnlyList<(string Method, string Url, string ValidBody)> BodyRoutes =
    [
        ("POST", Memories, """{"text":"hostile write"}"""),
        ("PATCH", Memory, """{"text":"hostile patch"}"""),
        ("POST", Search, """{"query":"hostile"}"""),
        ("POST", Context, """{"query":"hostile"}"""),
        ("POST", Messages, """{"messages":[{"role":"user","content":"I like hostile tea."}]}"""),
        ("POST", EventGrid, """[{"id":"e1","eventType":"MemoryFunctions.Conversation.Turns","subject":"s","eventTime":"2026-11-01T12:00:00Z","dataVersion":"1","data":{"userId":"{user}","messages":[{"role":"user","content":"I like hostile tea."}]}}]"""),
    ];

    private static readonly Lazy<IReadOnlyList<HostileCase>> _all = new(() =>
    {
        var cases = Syntax().Concat(Types()).Concat(Sizes()).Concat(Encoding()).Concat(Ids()).Concat(Injection())
            .Concat(Numbers()).Concat(Headers()).Concat(ContentTypes()).Concat(EventGridGarbage()).ToList();
        return cases;
    });

    public static IReadOnlyList<HostileCase> All => _all.Value;

    public static HostileCase Find(string name) => All.Single(c => c.Name == name);

    private static byte[] U(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(part => part is string text ? U(text) : (byte[])part)];

    private static string Short(string url) => url.Replace("/api/users/{user}", "~", StringComparison.Ordinal);

    private static HostileCase Post(string name, string url, string json, HostileExpectation expect = HostileExpectation.Problem) =>
        new(name, "POST", url, U(json), Expect: expect);

    private static IEnumerable<HostileCase> EachBodyRoute(string what, Func<string, byte[]> body, string? contentType = "application/json", bool chunked = false) =>
        BodyRoutes.Select(route => new HostileCase($"{what} {route.Method} {Short(route.Url)}", route.Method, route.Url, body(route.ValidBody), contentType, Chunked: chunked));

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
