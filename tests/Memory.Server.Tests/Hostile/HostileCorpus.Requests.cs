namespace MemoryFunctions.Server.Tests.Hostile;

public static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> Ids()
    {
        // Bare ".." and "%2e%2e" segments are removed by the client's URI handling before sending: DotSegmentTests sends those raw.
        string[] traversals = ["..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E", "..%5C..%5Cwindows", "%252e%252e%252f", ".hidden", "a%2Fb", "%C0%AE%C0%AE", "mem_x%20OR%201=1", new string('i', 129)];
        foreach (var bad in traversals)
        {
            yield return new($"traversal memory id GET {bad}", "GET", $"/api/users/{{user}}/memories/{bad}");
            yield return new($"traversal memory id history {bad}", "GET", $"/api/users/{{user}}/memories/{bad}/history");
            yield return new($"traversal memory id DELETE {bad}", "DELETE", $"/api/users/{{user}}/memories/{bad}");
            yield return new($"traversal memory id PATCH {bad}", "PATCH", $"/api/users/{{user}}/memories/{bad}", U("""{"text":"hijack"}"""));
            yield return new($"traversal user id list {bad}", "GET", $"/api/users/{bad}/memories");
            yield return new($"traversal user id erase {bad}", "DELETE", $"/api/users/{bad}");
            yield return new($"traversal user id export {bad}", "GET", $"/api/users/{bad}/export");
            yield return new($"traversal user id create {bad}", "POST", $"/api/users/{bad}/memories", U("""{"text":"planted"}"""));
            yield return new($"traversal user id import {bad}", "POST", $"/api/users/{bad}/imports", U("""{"text":"planted"}"""), "application/x-ndjson");
            yield return new($"traversal user id messages {bad}", "POST", $"/api/users/{bad}/messages", U("""{"messages":[{"role":"user","content":"I like tea."}]}"""));
            yield return new($"traversal operation id {bad}", "GET", $"/api/users/{{user}}/operations/{bad}");
            yield return new($"traversal operation userId {bad}", "GET", $"/api/operations/{{op}}?userId={bad}");
            yield return new($"traversal user id operations {bad}", "GET", $"/api/users/{bad}/operations");
        }

        foreach (var query in new[] { "status=done", "status=0", "status=", "pageSize=0", "pageSize=-1", "pageSize=1e3", "cursor=forged", "cursor=MTIzNDU2Nzg5MDEyMzQ1Njox" })
        {
            yield return new($"operations list {query}", "GET", $"/api/users/{{user}}/operations?{query}");
        }

        foreach (var query in new[] { "limit=0", "limit=-5", "limit=abc", "limit=99999999999" })
        {
            yield return new($"audit {query}", "GET", $"/api/audit?{query}");
        }

        yield return new("audit under a bad tenant", "GET", "/api/audit", Headers: [new("x-tenant-id", "../other")]);

        foreach (var query in new[] { "pageSize=0", "pageSize=-1", "pageSize=1e3", "pageSize=1&pageSize=2", "cursor=forged", "cursor=MTIzNDU2Nzg5MDEyMzQ1Njox", "cursor=a&cursor=b" })
        {
            yield return new($"users list {query}", "GET", $"/api/users?{query}");
        }

        yield return new("users list under a bad tenant", "GET", "/api/users", Headers: [new("x-tenant-id", "../other")]);

        yield return new("erase with traversal suffix", "DELETE", "/api/users/{user}%2F..");
        yield return new("erase with encoded backslash", "DELETE", "/api/users/{user}%5C..%5Cother");
        yield return new("operation without userId", "GET", "/api/operations/{op}");
        yield return new("operation of seeded op for another user", "GET", "/api/operations/{op}?userId=someone-else");
        yield return new("memory of seeded user read as another user", "GET", "/api/users/someone-else/memories/{id}");
        yield return new("memory of seeded user read under another tenant", "GET", "/api/users/{user}/memories/{id}", Headers: [new("x-tenant-id", "other-tenant")]);
        yield return new("unknown route", "GET", "/api/users/{user}/secrets");
        yield return new("wrong method PUT", "PUT", Memories, U("""{"text":"x"}"""));
        yield return new("wrong method POST on memory", "POST", Memory, U("""{"text":"x"}"""));
        yield return new("wrong method DELETE search", "DELETE", Search);

        // A bulk import refuses only what it can know before reading a line; a malformed line is a 200 whose report lists
        // it by number (ImportRouteTests), so the body malformations of BodyRoutes do not apply to it.
        foreach (var query in new[] { "afterLine=-1", "afterLine=abc", "afterLine=1&afterLine=2", "afterLine=99999999999999999999" })
        {
            yield return new($"import {query}", "POST", $"/api/users/{{user}}/imports?{query}", U("""{"text":"planted"}"""), "application/x-ndjson");
        }

        yield return new("import as text/plain", "POST", "/api/users/{user}/imports", U("""{"text":"planted"}"""), "text/plain");
    }

    private static IEnumerable<HostileCase> Injection()
    {
        string[] payloads = ["' OR 1=1 --", "c.userId != ''", "\" OR \"\"=\"", "1; DROP TABLE memories", "x') OR true OR ('", "*", "$where"];
        foreach (var payload in payloads)
        {
            var q = Uri.EscapeDataString(payload);
            var j = payload.Replace("\"", "\\\"", StringComparison.Ordinal);
            yield return new($"injection kind query {payload}", "GET", $"{Memories}?kind={q}");
            yield return new($"injection agentId query {payload}", "GET", $"{Memories}?agentId={q}");
            yield return new($"injection sessionId query {payload}", "GET", $"{Memories}?sessionId={q}");
            yield return new($"injection tag query {payload}", "GET", $"{Memories}?tag={q}", Expect: HostileExpectation.LiteralNoMatch);
            yield return new($"injection asOf query {payload}", "GET", $"{Memories}?asOf={q}");
            yield return Post($"injection kinds body {payload}", Search, $$"""{"query":"x","kinds":["{{j}}"]}""");
            yield return Post($"injection agentId body {payload}", Search, $$"""{"query":"x","agentId":"{{j}}"}""");
            yield return Post($"injection sessionId body {payload}", Context, $$"""{"query":"x","sessionId":"{{j}}"}""");
            yield return Post($"injection metadata key {payload}", Search, $$$"""{"query":"x","metadata":{"{{{j}}}":"v"}}""");
            yield return Post($"injection metadata value {payload}", Search, $$$"""{"query":"x","metadata":{"k":"{{{j}}}"}}""", HostileExpectation.LiteralNoMatch);
            yield return Post($"injection tags body {payload}", Search, $$"""{"query":"x","tags":["{{j}}"]}""", HostileExpectation.LiteralNoMatch);
            yield return Post($"injection tags context {payload}", Context, $$"""{"query":"x","tags":["{{j}}"]}""", HostileExpectation.LiteralNoMatch);
            yield return Post($"injection create agentId {payload}", Memories, $$"""{"text":"x","agentId":"{{j}}"}""");
            yield return Post($"injection create metadata key {payload}", Memories, $$$"""{"text":"x","metadata":{"{{{j}}}":1}}""");
        }
    }

    private static IEnumerable<HostileCase> Numbers()
    {
        string[] pageSizes = ["-1", "0", "201", "99999999999999999999", "abc", "1e3", "1.5", "%20", "0x10", "5&pageSize=6"];
        foreach (var value in pageSizes)
        {
            yield return new($"pageSize {value}", "GET", $"{Memories}?pageSize={value}");
        }

        string[] ints = ["-1", "0", "101", "1e10", "\"10\"", "1.5", "99999999999999999999", "true", "NaN", "[10]"];
        foreach (var value in ints)
        {
            yield return Post($"topK {value}", Search, $$"""{"query":"x","topK":{{value}}}""");
            yield return Post($"maxMemories {value}", Context, $$"""{"query":"x","maxMemories":{{value}}}""");
        }

        foreach (var value in new[] { "-5", "0", "63", "32001", "2147483648", "\"lots\"", "1e9", "-2147483649" })
        {
            yield return Post($"maxTokens {value}", Context, $$"""{"query":"x","maxTokens":{{value}}}""");
        }

        foreach (var value in new[] { "-0.1", "1.01", "\"high\"", "1e999" })
        {
            yield return Post($"minScore {value}", Search, $$"""{"query":"x","minScore":{{value}}}""");
        }

        string[] cursors = ["garbage", "AAAA", "%00", "eyJ0IjoiZGVmYXVsdCJ9", new string('c', 10_000), "{cursor}%3D%3D", "..%2F..%2F"];
        foreach (var cursor in cursors)
        {
            yield return new($"bad cursor {cursor[..Math.Min(20, cursor.Length)]}", "GET", $"{Memories}?pageSize=1&cursor={cursor}");
        }

        yield return new("cursor of seeded user used by another user", "GET", "/api/users/someone-else/memories?pageSize=1&cursor={cursor}");
        yield return new("cursor of seeded user used under another tenant", "GET", $"{Memories}?pageSize=1&cursor={{cursor}}", Headers: [new("x-tenant-id", "other-tenant")]);
        yield return new("asOf garbage", "GET", $"{Memories}?asOf=yesterday");
        yield return new("includeSuperseded garbage", "GET", $"{Memories}?includeSuperseded=maybe");
        yield return new("includeEmbedding garbage", "GET", $"{Memory}?includeEmbedding=2");
    }

    private static IEnumerable<HostileCase> Headers()
    {
        string[] etags = ["garbage", "\"999\"", "W/\"1\"", "\"", "\"1\" \"2\"", new string('e', 8_000), "\"999\",,", "\" OR 1=1 --\""];
        foreach (var etag in etags)
        {
            var label = etag[..Math.Min(20, etag.Length)];
            yield return new($"bad If-Match PATCH {label}", "PATCH", Memory, U("""{"text":"overwritten"}"""), Headers: [new("If-Match", etag)]);
            yield return new($"bad If-Match DELETE {label}", "DELETE", Memory, null, null, [new("If-Match", etag)]);
        }

        string[] tenants = ["../etc", "a/b", new string('t', 129), "tenant%00", "t\\u", "c.tenantId != ''", "' OR 1=1 --", ".."];
        foreach (var tenant in tenants)
        {
            var label = tenant[..Math.Min(20, tenant.Length)];
            yield return new($"bad tenant list {label}", "GET", Memories, Headers: [new("x-tenant-id", tenant)]);
            yield return new($"bad tenant create {label}", "POST", Memories, U("""{"text":"planted"}"""), Headers: [new("x-tenant-id", tenant)]);
            yield return new($"bad tenant erase {label}", "DELETE", "/api/users/{user}", Headers: [new("x-tenant-id", tenant)]);
            yield return new($"bad tenant export {label}", "GET", "/api/users/{user}/export", Headers: [new("x-tenant-id", tenant)]);
            yield return new($"bad tenant history {label}", "GET", $"{Memory}/history", Headers: [new("x-tenant-id", tenant)]);
            yield return new($"bad tenant operation {label}", "GET", "/api/users/{user}/operations/{op}", Headers: [new("x-tenant-id", tenant)]);
        }

        yield return new("two tenant headers", "GET", Memories, Headers: [new("x-tenant-id", "a"), new("x-tenant-id", "b")]);
        yield return new("tenant list value", "GET", Memories, Headers: [new("x-tenant-id", "a, b")]);
        string[] keys = [new string('k', 129), "tab\there", "bell\u0007"];
        foreach (var key in keys)
        {
            var body = U("""{"messages":[{"role":"user","content":"I like idempotent tea."}]}""");
            yield return new($"bad Idempotency-Key {key[..Math.Min(10, key.Length)]}", "POST", Messages, body, Headers: [new("Idempotency-Key", key)]);
        }
    }

    private static IEnumerable<HostileCase> ContentTypes()
    {
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "json", "application/json-seq", "text/json" })
        {
            foreach (var c in EachBodyRoute($"content type {type}", valid => U(valid), type))
            {
                yield return c;
            }
        }

        foreach (var c in EachBodyRoute("no content type", valid => U(valid), null))
        {
            yield return c;
        }

        yield return new("form body", "POST", Memories, U("text=planted"), "application/x-www-form-urlencoded");
    }

    private static IEnumerable<HostileCase> EventGridGarbage()
    {
        string[] bodies =
        [
            "{}", "[{}]", "[null]", "[1,2,3]", "[{\"id\":\"e1\"}]",
            "[{\"id\":\"e1\",\"eventType\":\"MemoryFunctions.Conversation.Turns\",\"subject\":\"s\",\"eventTime\":\"2026-11-01T12:00:00Z\",\"dataVersion\":\"1\",\"data\":null}]",
            "[{\"id\":\"e1\",\"eventType\":\"MemoryFunctions.Conversation.Turns\",\"subject\":\"s\",\"eventTime\":\"2026-11-01T12:00:00Z\",\"dataVersion\":\"1\",\"data\":{\"userId\":\"../x\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}]",
            "[{\"id\":\"e1\",\"eventType\":\"MemoryFunctions.Conversation.Turns\",\"subject\":\"s\",\"eventTime\":\"2026-11-01T12:00:00Z\",\"dataVersion\":\"1\",\"data\":{\"tenantId\":\"c.userId != ''\",\"userId\":\"u\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}]",
            "[{\"id\":\"e1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{}}]",
            "[{\"id\":\"e1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{\"validationCode\":12}}]",
            "{\"specversion\":\"1.0\"}",
        ];
        foreach (var (body, i) in bodies.Select((body, i) => (body, i)))
        {
            yield return Post($"event grid garbage #{i} {body[..Math.Min(40, body.Length)]}", EventGrid, body);
        }

        yield return new("event grid OPTIONS without origin", "OPTIONS", EventGrid, ContentType: null);
    }
}
