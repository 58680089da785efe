using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptoms 7 and 8: the idempotency fingerprint is taken over canonical JSON (member order does not matter),
/// and client keys and event-derived keys live in separate namespaces, so a client cannot swallow an Event Grid event.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class IdempotencyKeyTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task SameBodyWithMetadataKeysReordered_SameOperationNot422()
    {
        var user = Api.NewUser();
        var key = Guid.NewGuid().ToString();
        const string turns = """[{"role":"user","content":"I live in Oslo.","timestamp":"2026-04-01T11:00:00Z"}]""";

        var (first, _) = await _client.SubmitAsync(user, $$$"""{"messages":{{{turns}}},"metadata":{"channel":"web","priority":2}}""", key);
        var (second, _) = await _client.SubmitAsync(user, $$$"""{ "metadata" : { "priority" : 2.0, "channel" : "web" }, "messages" : {{{turns}}} }""", key);

        Assert.Equal((string?)first["id"], (string?)second["id"]);
    }

    [Fact]
    public async Task ClientKeyInTheEventNamespace_Refused()
    {
        using var request = Api.Request(HttpMethod.Post, $"/api/users/{Api.NewUser()}/messages", """{"messages":[{"role":"user","content":"Hello."}]}""");
        request.Headers.Add("Idempotency-Key", "evt-0123456789abcdef0123456789abcdef");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "Idempotency-Key");
    }

    [Fact]
    public async Task EventReusingAnotherEventsIdWithOtherData_RejectedNotAcceptedAsTheFirst()
    {
        var user = Api.NewUser();
        var id = Guid.NewGuid().ToString("N");
        JsonArray Delivery(string content) => [new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = "/agents/a",
            ["type"] = "MemoryFunctions.Conversation.Turns",
            ["data"] = new JsonObject { ["userId"] = user, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }) },
        }];

        using var first = await _client.PostAsync("/api/eventgrid", Api.Json(Delivery("I live in Oslo.").ToJsonString()));
        using var redelivered = await _client.PostAsync("/api/eventgrid", Api.Json(Delivery("I live in Oslo.").ToJsonString()));
        using var impostor = await _client.PostAsync("/api/eventgrid", Api.Json(Delivery("I live in Lima.").ToJsonString()));

        var operationId = (string?)(await first.ReadJsonAsync())["accepted"]![0]!["operationId"];
        Assert.Equal(operationId, (string?)(await redelivered.ReadJsonAsync())["accepted"]![0]!["operationId"]);
        var receipt = await impostor.ReadJsonAsync();
        Assert.Empty(receipt["accepted"]!.AsArray());
        Assert.Contains("other data", (string?)receipt["rejected"]![0]!["reason"], StringComparison.Ordinal);
    }
}
