using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;
using MemoryFunctions.Testing.Auth;
using MemoryFunctions.Testing.Isolation;

namespace MemoryFunctions.Server.Tests.Isolation;

/// <summary>
/// Runs one isolation script through the HTTP API on the fixture's real embedded store, with the real in-process
/// ingestion runner. User ids carry a per-run suffix and markers a per-run word, so runs never see each other's data.
/// With an <paramref name="issuer"/>, every request carries the partition's own delegated Entra token, and is sent once
/// more with the next partition's token, which must be refused (403) without a byte of the partition's data.
/// </summary>
internal sealed class HttpIsolationHarness(HttpClient client, string dataDirectory, TestTokenIssuer? issuer = null)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<(string Id, int Owner)> _memoryIds = [];
    private readonly List<(string Id, int Owner)> _operationIds = [];
    private int _counter;

    public async Task RunAsync(IEnumerable<IsolationOp> script)
    {
        foreach (var op in script)
        {
            await StepAsync(op);
        }
    }

    private async Task StepAsync(IsolationOp op)
    {
        var p = op.Partition;
        var user = $"/api/users/{User(p)}";
        var marker = IsolationScripts.Marker(p, _run);
        var topic = IsolationScripts.Topics[op.Topic];
        switch (op.Kind)
        {
            case IsolationOpKind.Add:
                var created = await SendAsync(p, HttpMethod.Post, $"{user}/memories", new { text = $"{marker} note {++_counter} likes {topic}", sessionId = "s1", tags = new[] { topic } });
                Assert.Equal(HttpStatusCode.Created, created.Status);
                _memoryIds.Add(((string)created.Body!["id"]!, p));
                break;
            case IsolationOpKind.Update when Pick(_memoryIds, op) is var (id, owner):
                ExpectOwnedOrNotFound(await SendAsync(p, HttpMethod.Patch, $"{user}/memories/{id}", new { text = $"{marker} revised {++_counter} {topic}" }), p, owner);
                break;
            case IsolationOpKind.Delete when Pick(_memoryIds, op) is var (id, owner):
                ExpectOwnedOrNotFound(await SendAsync(p, HttpMethod.Delete, $"{user}/memories/{id}"), p, owner);
                break;
            case IsolationOpKind.Get when Pick(_memoryIds, op) is var (id, owner):
                ExpectOwnedOrNotFound(await SendAsync(p, HttpMethod.Get, $"{user}/memories/{id}"), p, owner);
                break;
            case IsolationOpKind.History when Pick(_memoryIds, op) is var (id, owner):
                ExpectOwnedOrNotFound(await SendAsync(p, HttpMethod.Get, $"{user}/memories/{id}/history"), p, owner);
                break;
            case IsolationOpKind.List:
                var list = ExpectOk(await SendAsync(p, HttpMethod.Get, $"{user}/memories?includeSuperseded=true&pageSize=200"), p);
                AssertMemoriesOwned(list["items"]!.AsArray(), p);
                break;
            case IsolationOpKind.Search:
                var search = ExpectOk(await SendAsync(p, HttpMethod.Post, $"{user}/search", new { query = $"{topic} note likes", topK = 50, includeSuperseded = true }), p);
                AssertMemoriesOwned(search["results"]!.AsArray().Select(r => r!["memory"]), p);
                break;
            case IsolationOpKind.Context:
                var context = ExpectOk(await SendAsync(p, HttpMethod.Post, $"{user}/context", new { query = $"{topic} likes", sessionId = "s1" }), p);
                Assert.All(context["memories"]!.AsArray(), id => Assert.DoesNotContain(_memoryIds, m => m.Id == (string?)id && m.Owner != p));
                break;
            case IsolationOpKind.Export:
                var export = ExpectOk(await SendAsync(p, HttpMethod.Get, $"{user}/export"), p);
                Assert.Equal((IsolationScripts.Partitions[p].Tenant, User(p)), ((string?)export["tenantId"], (string?)export["userId"]));
                AssertMemoriesOwned(export["memories"]!.AsArray(), p);
                break;
            case IsolationOpKind.Submit:
                var message = new { role = "user", content = $"I like {topic} with {marker}." };
                var submitted = await SendAsync(p, HttpMethod.Post, $"{user}/messages", new { messages = new[] { message }, sessionId = "s1" }, $"key-{op.Target % 3}");
                Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
                _operationIds.Add(((string)submitted.Body!["id"]!, p));
                break;
            case IsolationOpKind.GetOperation when Pick(_operationIds, op) is var (id, owner):
                // Both spellings of the lookup: the Location header's and the user-scoped route.
                var url = op.Target % 2 == 0 ? $"/api/operations/{id}?userId={User(p)}" : $"{user}/operations/{id}";
                ExpectOwnedOrNotFound(await SendAsync(p, HttpMethod.Get, url), p, owner);
                break;
            case IsolationOpKind.Erase:
                await EraseAsync(p, user, marker);
                break;
        }
    }

    private async Task EraseAsync(int p, string user, string marker)
    {
        // Let this user's ingestions finish first: an erasure racing a running workflow is a separate question.
        foreach (var (id, _) in _operationIds.Where(o => o.Owner == p))
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var operation = await SendAsync(p, HttpMethod.Get, $"{user}/operations/{id}");
                if (operation.Status == HttpStatusCode.NotFound || (string?)operation.Body!["status"] is "succeeded" or "failed")
                {
                    break;
                }

                await Task.Delay(25);
            }
        }

        var erased = await SendAsync(p, HttpMethod.Delete, user);
        Assert.Equal(HttpStatusCode.OK, erased.Status);
        var export = ExpectOk(await SendAsync(p, HttpMethod.Get, $"{user}/export"), p);
        Assert.Empty(export["memories"]!.AsArray());
        Assert.Empty(export["history"]!.AsArray());
        Assert.Empty(export["operations"]!.AsArray());
        Assert.Empty(ExpectOk(await SendAsync(p, HttpMethod.Get, $"{user}/memories?includeSuperseded=true"), p)["items"]!.AsArray());
        IsolationScripts.AssertNoFileContains(dataDirectory, marker);
    }

    private string User(int p) => $"{IsolationScripts.Partitions[p].User}-{_run}";

    private static (string Id, int Owner)? Pick(List<(string Id, int Owner)> ids, IsolationOp op) =>
        ids.Count == 0 ? null : ids[op.Target % ids.Count];

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> SendAsync(int p, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        if (issuer is not null)
        {
            var intruder = (p + 1) % IsolationScripts.Partitions.Count;
            using var probe = Request(p, method, url, body, idempotencyKey, tokenOf: intruder);
            using var refused = await client.SendAsync(probe);
            var refusal = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"partition {intruder}'s token reached {method} {url}: {(int)refused.StatusCode} {refusal}");
            Assert.DoesNotContain(IsolationScripts.Marker(p, _run), refusal, StringComparison.Ordinal);
        }

        using var request = Request(p, method, url, body, idempotencyKey, tokenOf: p);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{method} {url}: {(int)response.StatusCode} {text}");
        IsolationScripts.AssertNoForeignMarker(text, p, _run, $"{method} {url}");
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }

    private HttpRequestMessage Request(int p, HttpMethod method, string url, object? body, string? idempotencyKey, int tokenOf)
    {
        var request = Api.Request(method, url, body is null ? null : JsonSerializer.Serialize(body), IsolationScripts.Partitions[p].Tenant);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (issuer is not null)
        {
            request.Headers.Authorization = new("Bearer", issuer.Delegated(IsolationScripts.Partitions[tokenOf].Tenant, User(tokenOf)));
        }

        return request;
    }

    private static JsonNode ExpectOk((HttpStatusCode Status, JsonNode? Body, string Text) response, int p)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"partition {p}: {(int)response.Status} {response.Text}");
        return response.Body!;
    }

    /// <summary>Another partition's id is a 404, indistinguishable from a missing one; an own id may be gone too.</summary>
    private static void ExpectOwnedOrNotFound((HttpStatusCode Status, JsonNode? Body, string Text) response, int p, int owner)
    {
        if (owner != p)
        {
            Assert.True(response.Status == HttpStatusCode.NotFound, $"partition {p} reached partition {owner}'s resource: {(int)response.Status} {response.Text}");
        }
        else
        {
            Assert.True((int)response.Status is 200 or 204 or 404, $"{(int)response.Status} {response.Text}");
        }
    }

    /// <summary>Every memory is one this partition wrote, directly (marker) or through its own ingestion (operation id).</summary>
    private void AssertMemoriesOwned(IEnumerable<JsonNode?> memories, int p)
    {
        var marker = IsolationScripts.Marker(p, _run);
        foreach (var memory in memories)
        {
            var id = (string)memory!["id"]!;
            var operationId = (string?)memory["operationId"];
            Assert.DoesNotContain(_memoryIds, m => m.Id == id && m.Owner != p);
            Assert.True(
                ((string)memory["text"]!).Contains(marker, StringComparison.Ordinal) || _operationIds.Contains((operationId ?? string.Empty, p)),
                $"partition {p} was shown a memory it did not write: {memory.ToJsonString()}");
        }
    }
}
