using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Server.Tests.Properties;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Stress;

/// <summary>
/// Issue 12, finding 1 as a stress test: start ingestion for a user, DELETE the user at a random moment in the next
/// 0.35 s, let every workflow stop, then look for the user everywhere: memories (facts, turns, profile, summaries),
/// history, operations, idempotency keys, the API's reads and the data directory's bytes and keys.
/// </summary>
internal sealed class RandomMomentEraseHarness(RestartableServer server)
{
    private const string Tenant = "tenant-stress";
    private const int LongTurns = 50;
    private const int QueuedOperations = 30;
    private static readonly TimeSpan QuiescenceBound = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset At = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Cities = ["Oslo", "Lima", "Quito", "Hanoi", "Perth", "Cairo", "Dakar"];

    public async Task<EraseTrialResult> RunAsync(EraseTrialKind kind, int delayMilliseconds)
    {
        var token = "zk" + Guid.NewGuid().ToString("N")[..10];
        // Not the token: the user id stays in the erase marker by design (docs/security.md), the text must not.
        var user = "/api/users/erase-" + Guid.NewGuid().ToString("N")[..10];
        var leaks = new List<string>();
        _ = server.Client; // started, so its keyring exists
        var keysBefore = KeyringFile.LiveKeys(server.DataDirectory);

        var operationIds = new List<string>();
        if (kind == EraseTrialKind.QueuedOperations)
        {
            var submitted = await Task.WhenAll(Enumerable.Range(0, QueuedOperations).Select(i => SubmitAsync(user, Body(token, i * 3, 3), key: null)));
            operationIds.AddRange(submitted);
        }
        else
        {
            operationIds.Add(await SubmitAsync(user, Body(token, 0, LongTurns), kind == EraseTrialKind.KeyRetriedAfterErase ? token : null));
        }

        if (kind == EraseTrialKind.LongConversationWhileWriting)
        {
            await WaitForProgressAsync(user, operationIds[0], done: 2);
        }

        await Task.Delay(delayMilliseconds);
        var keysAtErase = KeyringFile.LiveKeys(server.DataDirectory);
        using var erase = await SendAsync(HttpMethod.Delete, user);
        var erased = await erase.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);

        await WaitForRunnerIdleAsync();
        await FindUserAsync(user, token, operationIds, leaks);
        foreach (var key in keysAtErase.Except(keysBefore))
        {
            if (KeyringFile.FilesContaining(server.DataDirectory, Convert.FromHexString(key)) is { Count: > 0 } files)
            {
                leaks.Add($"a key created for the user before the erase is still in {string.Join(", ", files)}");
            }
        }

        if (KeyringFile.FilesContaining(server.DataDirectory, Encoding.UTF8.GetBytes(token)) is { Count: > 0 } plain)
        {
            leaks.Add($"the conversation's text is readable in {string.Join(", ", plain)}");
        }

        if (kind == EraseTrialKind.KeyRetriedAfterErase)
        {
            await RetryKeyAfterEraseAsync(user, token, operationIds[0], leaks);
        }

        return new EraseTrialResult(kind, delayMilliseconds, (int)erased["memoriesErased"]!, (int)erased["operationsErased"]!, leaks);
    }

    /// <summary>Every read of the API that could show the user: all must be empty, operations at most cancelled stubs.</summary>
    private async Task FindUserAsync(string user, string token, List<string> operationIds, List<string> leaks)
    {
        var export = await (await SendAsync(HttpMethod.Get, $"{user}/export")).ReadJsonAsync();
        Leak(leaks, export["memories"]!.AsArray(), "memories (export)");
        Leak(leaks, export["history"]!.AsArray(), "history events (export)");
        Leak(leaks, export["operations"]!.AsArray().Where(o => !IsErasedStub(o!)), "operations other than cancelled stubs (export)");
        var listed = await (await SendAsync(HttpMethod.Get, $"{user}/memories?includeSuperseded=true&pageSize=200")).ReadJsonAsync();
        Leak(leaks, listed["items"]!.AsArray(), "memories (list)");
        using var search = await SendAsync(HttpMethod.Post, $"{user}/search", $$"""{"query":"firm {{token}} live","topK":50,"includeSuperseded":true}""");
        Leak(leaks, (await search.ReadJsonAsync())["results"]!.AsArray(), "search results");
        foreach (var id in operationIds)
        {
            using var operation = await SendAsync(HttpMethod.Get, $"{user}/operations/{id}");
            if (operation.StatusCode != HttpStatusCode.NotFound && !IsErasedStub(await operation.ReadJsonAsync()))
            {
                leaks.Add($"operation {id}: {(int)operation.StatusCode} {await operation.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>The key went with the user: the same key with another body starts a new operation, and only that body is ingested.</summary>
    private async Task RetryKeyAfterEraseAsync(string user, string token, string firstOperationId, List<string> leaks)
    {
        using var request = Api.Request(HttpMethod.Post, $"{user}/messages", Body("retry" + token, 0, 1), Tenant);
        request.Headers.Add("Idempotency-Key", token);
        using var retry = await server.Client.SendAsync(request);
        var body = await retry.Content.ReadAsStringAsync();
        if (retry.StatusCode != HttpStatusCode.Accepted || body.Contains(firstOperationId, StringComparison.Ordinal))
        {
            leaks.Add($"the key outlived the erase: {(int)retry.StatusCode} {body}");
            return;
        }

        await WaitForRunnerIdleAsync();
        var export = await (await SendAsync(HttpMethod.Get, $"{user}/export")).ReadJsonAsync();
        var texts = export["memories"]!.AsArray().Select(m => (string)m!["text"]!).ToList();
        Leak(leaks, texts.Where(text => text.Contains(token, StringComparison.Ordinal) && !text.Contains("retry" + token, StringComparison.Ordinal)), "memories of the erased conversation after the key was reused");
        if (!texts.Any(text => text.Contains("retry" + token, StringComparison.OrdinalIgnoreCase)))
        {
            leaks.Add($"the body sent with the reused key was not ingested: {export.ToJsonString()}");
        }

        // Leave nothing behind for the next trial's file scan.
        (await SendAsync(HttpMethod.Delete, user)).Dispose();
    }

    private async Task<string> SubmitAsync(string user, string json, string? key)
    {
        using var request = Api.Request(HttpMethod.Post, $"{user}/messages", json, Tenant);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await server.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return (string)body["id"]!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json = null)
    {
        using var request = Api.Request(method, url, json, Tenant);
        var response = await server.Client.SendAsync(request);
        Assert.True((int)response.StatusCode < 500, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task WaitForProgressAsync(string user, string operationId, int done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < QuiescenceBound)
        {
            var operation = await (await SendAsync(HttpMethod.Get, $"{user}/operations/{operationId}")).ReadJsonAsync();
            if ((int?)operation["progress"]?["done"] >= done || (string?)operation["status"] is not ("queued" or "running"))
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Until no workflow is queued or running: whatever a stopped workflow would still write, it has tried.</summary>
    private async Task WaitForRunnerIdleAsync()
    {
        var runner = server.Services.GetRequiredService<LocalWorkflowRunner>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (runner.PendingCount > 0)
        {
            Assert.True(waited.Elapsed < QuiescenceBound, $"{runner.PendingCount} operations still pending after {QuiescenceBound.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static bool IsErasedStub(JsonNode operation) =>
        (string?)operation["status"] == "cancelled"
        && (string?)operation["error"]?["type"] == "urn:memoryfunctions:problem:user-erased"
        && operation["request"]!["messages"]!.AsArray().Count == 0
        && operation["decisions"]!.AsArray().Count == 0
        && operation["idempotencyKey"] is null;

    private static void Leak<T>(List<string> leaks, IEnumerable<T> found, string what)
    {
        var items = found.ToList();
        if (items.Count > 0)
        {
            leaks.Add($"{items.Count} {what}, e.g. {items[0]}");
        }
    }

    /// <summary><paramref name="count"/> user turns from number <paramref name="first"/>, each carrying the trial's token.</summary>
    private static string Body(string token, int first, int count) => Conversation.Body(
        new JsonArray([.. Enumerable.Range(first, count).Select(i => (JsonNode)Conversation.Turn(
            "user",
            (i % 3) switch
            {
                0 => $"I work at Firm{token}{i.ToString(CultureInfo.InvariantCulture)}.",
                1 => $"I live in {Cities[i % Cities.Length]} near {token}.",
                _ => $"My favorite color is {token}.",
            },
            At.AddMinutes(i)))]),
        sessionId: "s1");
}
