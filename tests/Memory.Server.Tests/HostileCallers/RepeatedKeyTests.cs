using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptom 6: one JSON reading rule on every way in. A repeated key (also one repeated in another case) is
/// refused naming the key on REST bodies, Event Grid deliveries and MCP messages, so a gateway that reads the first key
/// cannot be bypassed; a repeated <c>name</c> in MCP params is an invalid-params error, not -32603.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class RepeatedKeyTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Theory]
    [InlineData("""{"query":"tea","query":"coffee"}""", "query")]
    [InlineData("""{"query":"tea","Query":"coffee"}""", "Query")]
    [InlineData("""{"query":"tea","metadata":{"team":"a","TEAM":"b"}}""", "metadata.TEAM")]
    public async Task RestBody_RepeatedKey_400NamingIt(string body, string field)
    {
        using var response = await _client.PostAsync($"/api/users/{Api.NewUser()}/search", Api.Json(body));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
        Assert.Contains("more than once", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userId", "userId")]
    [InlineData("userId", "UserId")]
    public async Task EventGridData_RepeatedUserId_WholeDelivery400AndNothingIngested(string first, string second)
    {
        var ann = Api.NewUser();
        var bob = Api.NewUser();
        var delivery = $$$"""
            [{"specversion":"1.0","id":"{{{Guid.NewGuid():N}}}","source":"/agents/a","type":"MemoryFunctions.Conversation.Turns",
              "data":{"{{{first}}}":"{{{ann}}}","{{{second}}}":"{{{bob}}}","messages":[{"role":"user","content":"I live in Oslo."}]}}]
            """;

        using var response = await _client.PostAsync("/api/eventgrid", Api.Json(delivery));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", $"[0].data.{second}");
        foreach (var user in new[] { ann, bob })
        {
            var export = await (await _client.GetAsync($"/api/users/{user}/export")).ReadJsonAsync();
            Assert.Empty(export["operations"]!.AsArray());
        }
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_memories","arguments":{"userId":"ann","UserId":"bob"}}}""", "UserId")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_memories","name":"recall","arguments":{"userId":"ann"}}}""", "name")]
    public async Task McpMessage_RepeatedKey_400InvalidParamsNamingIt(string message, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mcp") { Content = Api.Json(message) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync())["error"]!;
        Assert.Equal(-32602, (int)error["code"]!);
        Assert.Contains($"'{key}'", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpMessage_NoRepeatedKey_StillServed()
    {
        var message = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "tools/list",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mcp") { Content = Api.Json(message.ToJsonString()) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("list_memories", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
