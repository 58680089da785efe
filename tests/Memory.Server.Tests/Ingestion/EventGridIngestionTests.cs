using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Server.Tests.Support;

namespace MemoryFunctions.Server.Tests.Ingestion;

/// <summary>The Event Grid webhook end to end: both handshakes, then a CloudEvent that becomes memories exactly once.</summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class EventGridIngestionTests(MemoryServerFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _client = fixture.IngestionFactory.CreateClient();

    [Fact]
    public async Task ReceiveEvents_SubscriptionValidationEvent_EchoesTheCode()
    {
        const string json = """
            [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/memory",
              "subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://rp-eastus2.eventgrid.azure.net/validate"},
              "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-06-01T12:00:00Z","metadataVersion":"1","dataVersion":"1"}]
            """;

        using var response = await _client.PostAsync("/api/eventgrid", Api.Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (string?)(await response.ReadJsonAsync())["validationResponse"]);
    }

    [Fact]
    public async Task AbuseProtection_OptionsWithOrigin_AllowsThatOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/eventgrid");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Origin")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Rate")));
    }

    [Fact]
    public async Task ReceiveEvents_CloudEventWithTurns_IngestsOnceEvenWhenRedelivered()
    {
        fixture.IngestionClock.SetUtcNow(At);
        var user = Api.NewUser();
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "evt-" + Guid.NewGuid().ToString("N"),
            ["source"] = "/agents/travel",
            ["type"] = "MemoryFunctions.Conversation.Turns",
            ["time"] = "2026-06-01T11:00:00Z",
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject
            {
                ["userId"] = user,
                ["sessionId"] = "s1",
                ["messages"] = Conversation.UserTurns(At.AddHours(-1), "I prefer window seats on long flights."),
            },
        }.ToJsonString();

        var operationId = await DeliverAsync(cloudEvent);
        var operation = await _client.WaitForOperationAsync($"/api/operations/{operationId}?userId={user}");
        var redelivered = await DeliverAsync(cloudEvent);

        Assert.Equal("succeeded", (string?)operation["status"]);
        Assert.True(operation.Decisions("add").Count == 1, operation.ToJsonString());
        Assert.Contains(await _client.SearchTextsAsync(user, """{"query":"seat preference","kinds":["preference"]}"""), t => t.Contains("window seats", StringComparison.Ordinal));
        Assert.Equal(operationId, redelivered);
        var export = await (await _client.GetAsync($"/api/users/{user}/export")).ReadJsonAsync();
        Assert.Single(export["operations"]!.AsArray());
        Assert.Single(await _client.ListMemoriesAsync(user, "&kind=preference&includeSuperseded=true"));
    }

    /// <summary>Delivers one structured CloudEvent and returns the operation id from the receipt.</summary>
    private async Task<string> DeliverAsync(string cloudEvent)
    {
        using var content = new StringContent(cloudEvent, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await _client.PostAsync("/api/eventgrid", content);
        var receipt = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, receipt.ToJsonString());
        Assert.Empty(receipt["rejected"]!.AsArray());
        return (string)Assert.Single(receipt["accepted"]!.AsArray())!["operationId"]!;
    }
}
