using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Functions.EventGrid;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>Issue 25's hostile-caller probes against the Functions triggers, called as the worker calls them.</summary>
public sealed class HostileCallerTriggerTests(SharedFunctionsHost shared) : IClassFixture<SharedFunctionsHost>
{
    private DurableFunctionsHost Host => shared.Host;

    private MemoryHttpTriggers Memories => new(Host.Services.GetRequiredService<MemoryApiServices>());

    private static string NewUser() => "hostile-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Symptom 2: a token the store never issued, wrapped with the public checksum, is 400 cursor (was a 500).</summary>
    [Fact]
    public async Task ListMemories_ForgedCursor_400Cursor()
    {
        var user = NewUser();
        const string token = "1|not-ticks|x";
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"default\n{user}\n{token}")))[..16];
        var context = TriggerRequests.Create(Host.Services, "GET");
        context.Request.QueryString = QueryString.Create("cursor", Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{checksum}:{token}")));

        var (status, body) = await TriggerRequests.ExecuteAsync(await Memories.ListMemoriesAsync(context.Request, user, CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["cursor"]);
    }

    /// <summary>Symptom 6: a repeated key (in another case) is refused naming it, on the messages trigger and the webhook.</summary>
    [Fact]
    public async Task SubmitMessagesAndEventGrid_RepeatedKey_400NamingIt()
    {
        var user = NewUser();
        var submit = TriggerRequests.Create(Host.Services, "POST", """{"messages":[{"role":"user","content":"Hi.","Content":"Bye."}]}""");
        var (status, body) = await TriggerRequests.ExecuteAsync(await Ingestion.SubmitMessagesAsync(submit.Request, user, Host.Client, CancellationToken.None), submit);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["messages[0].Content"]);

        var delivery = $$$"""[{"specversion":"1.0","id":"e1","source":"/a","type":"MemoryFunctions.Conversation.Turns","data":{"userId":"{{{user}}}","UserId":"other","messages":[{"role":"user","content":"Hi."}]}}]""";
        var webhook = TriggerRequests.Create(Host.Services, "POST", delivery);
        (status, body) = await TriggerRequests.ExecuteAsync(await EventGrid.ReceiveAsync(webhook.Request, Host.Client, CancellationToken.None), webhook);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.NotNull(JsonNode.Parse(body)!["errors"]!["[0].data.UserId"]);
    }

    /// <summary>Symptoms 7 and 8: reordered metadata is the same request; a client key in the event namespace is refused.</summary>
    [Fact]
    public async Task SubmitMessages_ReorderedRetrySameOperation_EventNamespaceKeyRefused()
    {
        var user = NewUser();
        async Task<(int Status, string Body)> SubmitAsync(string json, string key)
        {
            var context = TriggerRequests.Create(Host.Services, "POST", json);
            context.Request.Headers["Idempotency-Key"] = key;
            return await TriggerRequests.ExecuteAsync(await Ingestion.SubmitMessagesAsync(context.Request, user, Host.Client, CancellationToken.None), context);
        }

        var first = await SubmitAsync("""{"messages":[{"role":"user","content":"I live in Oslo."}],"metadata":{"a":1,"b":"x"}}""", "k-1");
        var retry = await SubmitAsync("""{"metadata":{"b":"x","a":1},"messages":[{"content":"I live in Oslo.","role":"user"}]}""", "k-1");
        var reserved = await SubmitAsync("""{"messages":[{"role":"user","content":"Hi."}]}""", "evt-0123456789abcdef0123456789abcdef");

        Assert.Equal((StatusCodes.Status202Accepted, StatusCodes.Status202Accepted), (first.Status, retry.Status));
        Assert.Equal((string?)JsonNode.Parse(first.Body)!["id"], (string?)JsonNode.Parse(retry.Body)!["id"]);
        Assert.Equal(StatusCodes.Status400BadRequest, reserved.Status);
        await Host.WaitAsync((string)JsonNode.Parse(first.Body)!["id"]!);
    }

    private IngestionHttpTriggers Ingestion => ActivatorUtilities.CreateInstance<IngestionHttpTriggers>(Host.Services);

    private EventGridWebhookTriggers EventGrid => ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(Host.Services);
}
