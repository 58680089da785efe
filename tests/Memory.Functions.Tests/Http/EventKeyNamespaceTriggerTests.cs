using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Functions.EventGrid;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>
/// Issue 25, symptom 8, on the Functions triggers: a caller who knows an event's identity (CloudEvents <c>source</c> and
/// <c>id</c>) can compute the key the event path derives from it. Sending that key as its own <c>Idempotency-Key</c> first
/// must not make the real event "accepted" with the caller's operation, its turns never ingested.
/// </summary>
public sealed class EventKeyNamespaceTriggerTests
{
    private const string EventTurn = "I keep bees in Bergen.";

    [Fact]
    public async Task EventGrid_ClientKeyEqualToTheEventsDerivedKey_DoesNotSwallowTheEvent()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var user = "evkey-" + Guid.NewGuid().ToString("N")[..10];
        const string source = "/agents/travel";
        var eventId = "e-" + user;

        // The key the event path derives (EventGridIdempotencyKeys.ForCloudEvent), computed as any caller can: the rule is public.
        var derived = "evt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"cloudevents\n{source}\n{eventId}")))[..32];
        var submit = TriggerRequests.Create(host.Services, HttpMethods.Post, """{"messages":[{"role":"user","content":"Nothing to see here."}]}""");
        submit.Request.Headers["Idempotency-Key"] = derived;
        var ingestion = ActivatorUtilities.CreateInstance<IngestionHttpTriggers>(host.Services);
        var (clientStatus, clientBody) = await TriggerRequests.ExecuteAsync(await ingestion.SubmitMessagesAsync(submit.Request, user, host.Client, CancellationToken.None), submit);
        var clientOperation = clientStatus == StatusCodes.Status202Accepted ? (string?)JsonNode.Parse(clientBody)!["id"] : null;

        var delivery = $$$"""[{"specversion":"1.0","id":"{{{eventId}}}","source":"{{{source}}}","type":"MemoryFunctions.Conversation.Turns","time":"2026-11-20T09:30:00Z","data":{"userId":"{{{user}}}","messages":[{"id":"m1","role":"user","content":"{{{EventTurn}}}","timestamp":"2026-11-20T09:30:00Z"}]}}]""";
        var webhook = TriggerRequests.Create(host.Services, HttpMethods.Post, delivery);
        var webhookTrigger = ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(host.Services);
        var (status, body) = await TriggerRequests.ExecuteAsync(await webhookTrigger.ReceiveAsync(webhook.Request, host.Client, CancellationToken.None), webhook);

        Assert.Equal(StatusCodes.Status200OK, status);
        var eventOperation = JsonNode.Parse(body)!["accepted"]![0]!["operationId"]!.GetValue<string>();
        Assert.True(eventOperation != clientOperation, $"the event was accepted as the client's operation {clientOperation}: its turns are never ingested");
        await host.WaitAsync(eventOperation);
        if (clientOperation is not null)
        {
            await host.WaitAsync(clientOperation);
        }

        var turns = await host.Services.GetRequiredService<IMemoryStore>().ListAsync(
            new MemoryPartition("default", user), new() { At = DateTimeOffset.UtcNow.AddYears(100), Kinds = [MemoryKind.Turn] }, 100, null);
        Assert.Contains(turns.Items, memory => memory.Text.Contains("bees", StringComparison.Ordinal));
    }
}
