using System.Net;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>A bad submission is a 400 problem naming the field, and nothing is queued for it.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class SubmitValidationTests(MemoryServerFixture fixture)
{
    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"messages":[]}""", "messages" },
        { """{"agentId":"a"}""", "messages" },
        { """{"messages":[{"role":"robot","content":"hi"}]}""", "messages[0].role" },
        { """{"messages":[{"role":"user","content":"ok"},{"role":"user","content":"  "}]}""", "messages[1].content" },
        { """{"messages":[{"id":"has space","role":"user","content":"hi"}]}""", "messages[0].id" },
        { """{"messages":[{"role":"user","content":"hi"}],"colour":"red"}""", "colour" },
        { """{"messages":[{"role":"user","content":"hi"}],"sessionId":"a/b"}""", "sessionId" },
        { Conversation.Body(Conversation.UserTurns(DateTimeOffset.UnixEpoch, [.. Enumerable.Repeat("I like tea.", 101)])), "messages" },
        { Conversation.Body(DateTimeOffset.UnixEpoch, new string('x', 8001)), "messages[0].content" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task SubmitMessages_InvalidBody_Returns400NamingTheFieldAndQueuesNothing(string json, string field)
    {
        var user = Api.NewUser();

        using var response = await _client.PostAsync($"/api/users/{user}/messages", Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", field);
        Assert.Empty(await OperationsOfAsync(user));
    }

    [Fact]
    public async Task SubmitMessages_IdempotencyKeyTooLong_Returns400NamingTheHeader()
    {
        var user = Api.NewUser();
        using var request = Api.Request(HttpMethod.Post, $"/api/users/{user}/messages", Conversation.Body(DateTimeOffset.UnixEpoch, "I like tea."));
        request.Headers.Add("Idempotency-Key", new string('k', 129));

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "Idempotency-Key");
        Assert.Empty(await OperationsOfAsync(user));
    }

    [Fact]
    public async Task SubmitMessages_BadUserId_Returns400NamingIt()
    {
        using var response = await _client.PostAsync("/api/users/.hidden/messages", Api.Json(Conversation.Body(DateTimeOffset.UnixEpoch, "I like tea.")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation", "userId");
    }

    private async Task<JsonArray> OperationsOfAsync(string user)
    {
        using var export = await _client.GetAsync($"/api/users/{user}/export");
        return (await export.ReadJsonAsync())["operations"]!.AsArray();
    }
}
