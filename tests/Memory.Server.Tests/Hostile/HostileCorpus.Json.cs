namespace MemoryFunctions.Server.Tests.Hostile;

public static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> Syntax()
    {
        string[] broken = ["{", "{\"text\":", "[1,2", "nul", "{\"text\":\"x\"}}", "{'text':'x'}", "{\"text\":\"x\",}", "/*c*/{\"text\":\"x\"}", "", "null", "[]", "\"just a string\"", "42", "{\"text\":\"x\"", "{\"text\" \"x\"}", "{text:\"x\"}"];
        for (var i = 0; i < broken.Length; i++)
        {
            var json = broken[i];
            foreach (var c in EachBodyRoute($"broken json #{i} ({json})", _ => U(json)))
            {
                yield return c;
            }
        }

        foreach (var c in EachBodyRoute("10000 nested arrays", _ => U(Repeat("[", 10_000) + Repeat("]", 10_000))))
        {
            yield return c;
        }

        foreach (var c in EachBodyRoute("10000 nested objects", _ => U(Repeat("{\"a\":", 10_000) + "1" + Repeat("}", 10_000))))
        {
            yield return c;
        }

        yield return Post("deep array in tags", Memories, "{\"text\":\"x\",\"tags\":" + Repeat("[", 5_000) + Repeat("]", 5_000) + "}");
        yield return Post("deep object in metadata", Memories, "{\"text\":\"x\",\"metadata\":{\"a\":" + Repeat("{\"b\":", 5_000) + "1" + Repeat("}", 5_000) + "}}");
        yield return Post("deep filter in search", Search, "{\"query\":\"x\",\"metadata\":" + Repeat("{\"a\":", 5_000) + "1" + Repeat("}", 5_000) + "}");
    }

    private static IEnumerable<HostileCase> Types()
    {
        string[] memory =
        [
            """{"text":123}""", """{"text":["a"]}""", """{"text":{"a":1}}""", """{"text":null}""", """{"text":true}""", """{"kind":"fact"}""",
            """{"text":"x","kind":1}""", """{"text":"x","kind":"nonsense"}""", """{"text":"x","tags":"a"}""",
            """{"text":"x","tags":[1]}""", """{"text":"x","tags":[null]}""", """{"text":"x","tags":[""]}""", """{"text":"x","metadata":{"a":{"b":1}}}""",
            """{"text":"x","metadata":{"a":null}}""", """{"text":"x","metadata":{"a":[1]}}""", """{"text":"x","metadata":[1]}""", """{"text":"x","confidence":"high"}""",
            """{"text":"x","confidence":2}""", """{"text":"x","importance":-1}""", """{"text":"x","importance":1e400}""", """{"text":"x","validFrom":"yesterday"}""",
            """{"text":"x","validFrom":"2026-13-45T99:00:00Z"}""", """{"text":"x","validFrom":"2026-01-02T00:00:00Z","expiresAt":"2026-01-01T00:00:00Z"}""",
            """{"text":"x","source":"god"}""", """{"text":"x","agentId":12}""", """{"text":"   "}""", """{"text":""}""",
        ];
        foreach (var (json, i) in memory.Select((json, i) => (json, i)))
        {
            yield return Post($"wrong type create #{i} {json}", Memories, json);
        }

        string[] smuggled =
        [
            """{"text":"a","text":"b"}""", """{"text":"x","metadata":{"k":1,"k":2}}""", """{"text":"x","colour":"red"}""", """{"Text":"x"}""",
            """{"text":"x","tenantId":"other"}""", """{"text":"x","userId":"other"}""", """{"text":"x","id":"mem_evil"}""", """{"text":"x","etag":"\"1\""}""",
            """{"text":"x","embedding":[1,2,3]}""", """{"text":"x","createdAt":"2020-01-01T00:00:00Z"}""", """{"text":"x","contentHash":"00"}""", """{"text":"x","__proto__":{"admin":true}}""",
            """{"text":"x","kind":"fact, preference"}""", """{"text":"x","kind":"1"}""", """{"text":"x","source":"user,agent"}""",
        ];
        foreach (var (json, i) in smuggled.Select((json, i) => (json, i)))
        {
            yield return Post($"duplicate or unknown field create #{i} {json}", Memories, json);
        }

        yield return new("duplicate text patch", "PATCH", Memory, U("""{"text":"a","text":"b"}"""));
        yield return new("unknown field patch id", "PATCH", Memory, U("""{"id":"mem_other","text":"b"}"""));
        yield return Post("duplicate query search", Search, """{"query":"a","query":"b"}""");
        yield return Post("duplicate topK search", Search, """{"query":"a","topK":5,"topK":500}""");
        yield return Post("unknown field search", Search, """{"query":"a","userId":"other"}""");
        yield return Post("unknown field context tenant", Context, """{"query":"a","tenantId":"other"}""");
        yield return Post("duplicate messages", Messages, """{"messages":[{"role":"user","content":"I like a."}],"messages":[{"role":"user","content":"I like b."}]}""");
        yield return Post("unknown field messages userId", Messages, """{"messages":[{"role":"user","content":"I like a."}],"userId":"other"}""");
        yield return Post("unknown field in message", Messages, """{"messages":[{"role":"user","content":"I like a.","tenantId":"x"}]}""");

        string[] patch = ["""{}""", """{"text":""}""", """{"text":5}""", """{"kind":"boss"}""", """{"validTo":"never"}""", """{"confidence":-0.1}""", """{"tags":{"a":1}}"""];
        foreach (var (json, i) in patch.Select((json, i) => (json, i)))
        {
            yield return new($"wrong type patch #{i} {json}", "PATCH", Memory, U(json));
        }

        string[] messages =
        [
            """{"messages":"hi"}""", """{"messages":[]}""", """{"messages":[null]}""", """{"messages":[{"role":"god","content":"x"}]}""",
            """{"messages":[{"role":"user"}]}""", """{"messages":[{"role":"user","content":""}]}""", """{"messages":[{"role":"user","content":"x","timestamp":"yesterday"}]}""",
            """{"messages":[{"role":"user","content":"x"}],"agentId":"../x"}""", """{"messages":[{"role":"user","content":"x"}],"metadata":{"k":{"n":1}}}""", """{}""",
        ];
        foreach (var (json, i) in messages.Select((json, i) => (json, i)))
        {
            yield return Post($"wrong type messages #{i} {json}", Messages, json);
        }

        foreach (var url in new[] { Search, Context })
        {
            yield return Post($"query missing {Short(url)}", url, """{"topK":5}""");
            yield return Post($"query number {Short(url)}", url, """{"query":5}""");
            yield return Post($"query blank {Short(url)}", url, """{"query":" \t "}""");
            yield return Post($"kinds string {Short(url)}", url, """{"query":"x","kinds":"fact"}""");
            yield return Post($"createdFrom garbage {Short(url)}", url, """{"query":"x","createdFrom":"last tuesday"}""");
            yield return Post($"asOf garbage {Short(url)}", url, """{"query":"x","asOf":"0000-00-00"}""");
        }
    }

    private static IEnumerable<HostileCase> Sizes()
    {
        foreach (var c in EachBodyRoute("body over limit", _ => U("{\"text\":\"" + new string('a', OverLimit) + "\"}")))
        {
            yield return c;
        }

        foreach (var c in EachBodyRoute("chunked body over limit", _ => U("{\"text\":\"" + new string('a', OverLimit) + "\"}"), chunked: true))
        {
            yield return c;
        }

        yield return Post("text over 8000", Memories, $$"""{"text":"{{new string('t', 8001)}}"}""");
        yield return new("patch text over 8000", "PATCH", Memory, U($$"""{"text":"{{new string('t', 8001)}}"}"""));
        yield return Post("query over 4000", Search, $$"""{"query":"{{new string('q', 4001)}}"}""");
        yield return Post("context query over 4000", Context, $$"""{"query":"{{new string('q', 4001)}}"}""");
        yield return Post("tag over 64", Memories, $$"""{"text":"x","tags":["{{new string('g', 65)}}"]}""");
        yield return Post("33 tags", Memories, "{\"text\":\"x\",\"tags\":[" + string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"t{i}\"")) + "]}");
        yield return Post("metadata key over 64", Memories, $$$"""{"text":"x","metadata":{"{{{new string('k', 65)}}}":1}}""");
        yield return Post("metadata value over 1024", Memories, $$$"""{"text":"x","metadata":{"k":"{{{new string('v', 1025)}}}"}}""");
        yield return Post("33 metadata keys", Memories, "{\"text\":\"x\",\"metadata\":{" + string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"k{i}\":1")) + "}}");
        yield return Post("agentId over 128", Memories, $$"""{"text":"x","agentId":"{{new string('a', 129)}}"}""");
        yield return Post("message content huge", Messages, $$"""{"messages":[{"role":"user","content":"{{new string('m', 900_000)}}"}]}""");
        yield return Post("30000 messages", Messages, "{\"messages\":[" + string.Join(',', Enumerable.Repeat("{\"role\":\"user\",\"content\":\"x\"}", 30_000)) + "]}");
    }

    private static IEnumerable<HostileCase> Encoding()
    {
        (string Name, byte[] Bytes)[] invalid =
        [
            ("truncated sequence", [0xC3, 0x28]), ("0xFF byte", [0xFF]), ("overlong slash", [0xC0, 0xAF]), ("utf-8 encoded surrogate", [0xED, 0xA0, 0x80]),
            ("raw NUL", [0x00]), ("raw escape char", [0x1B]), ("raw newline", [0x0A]),
        ];
        foreach (var (name, bytes) in invalid)
        {
            yield return new($"invalid utf-8 in text: {name}", "POST", Memories, Bytes("{\"text\":\"a", bytes, "b\"}"));
            yield return new($"invalid utf-8 in query: {name}", "POST", Search, Bytes("{\"query\":\"a", bytes, "b\"}"));
            yield return new($"invalid utf-8 in message: {name}", "POST", Messages, Bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"a", bytes, "b\"}]}"));
        }

        string[] escapes = ["\\u0000", "\\u001b[31m", "\\ud800", "\\udfff", "\\u0007", "\\u007f"];
        foreach (var escape in escapes)
        {
            yield return Post($"escaped {escape} in text", Memories, $$"""{"text":"a{{escape}}b"}""");
            yield return new($"escaped {escape} in patch text", "PATCH", Memory, U($$"""{"text":"a{{escape}}b"}"""));
            yield return Post($"escaped {escape} in query", Search, $$"""{"query":"a{{escape}}b"}""");
            yield return Post($"escaped {escape} in context query", Context, $$"""{"query":"a{{escape}}b"}""");
            yield return Post($"escaped {escape} in tag", Memories, $$"""{"text":"x","tags":["a{{escape}}b"]}""");
            yield return Post($"escaped {escape} in metadata value", Memories, $$$"""{"text":"x","metadata":{"k":"a{{{escape}}}b"}}""");
            yield return Post($"escaped {escape} in message", Messages, $$"""{"messages":[{"role":"user","content":"I like a{{escape}}b."}]}""");
        }

        yield return new("utf-16 body declared utf-16", "POST", Memories, System.Text.Encoding.Unicode.GetBytes("{\"text\":\"x\"}"), "application/json; charset=utf-16");
        yield return new("utf-32 body", "POST", Memories, System.Text.Encoding.UTF32.GetBytes("{\"text\":\"x\"}"));
    }
}
