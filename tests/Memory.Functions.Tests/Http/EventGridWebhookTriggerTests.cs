using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.EventGrid;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Http;

/// <summary>The Event Grid webhook functions, called through their methods, starting real orchestrations.</summary>
public sealed class EventGridWebhookTriggerTests
{
    [Fact]
    public async Task Receive_SameEventTwice_StartsOneOperationThatSucceeds()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var trigger = ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(host.Services);
        var user = "eg-" + Guid.NewGuid().ToString("N")[..8];
        var delivery = new JsonArray(Event(user)).ToJsonString();

        var first = await ReceiveAsync(host, trigger, delivery);
        var second = await ReceiveAsync(host, trigger, delivery);

        Assert.Equal(StatusCodes.Status200OK, first.Status);
        var operationId = JsonNode.Parse(first.Body)!["accepted"]![0]!["operationId"]!.GetValue<string>();
        Assert.Equal(operationId, JsonNode.Parse(second.Body)!["accepted"]![0]!["operationId"]!.GetValue<string>());
        await host.WaitAsync(operationId);
        var operation = Assert.Single((await host.Memories.ExportAsync(new("default", user))).Operations);
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
    }

    [Fact]
    public async Task Receive_SubscriptionValidationEvent_EchoesTheCode()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var trigger = ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(host.Services);
        var validation = new JsonArray(new JsonObject
        {
            ["id"] = "v-1",
            ["subject"] = "",
            ["eventType"] = ConversationEventTypes.SubscriptionValidation,
            ["eventTime"] = "2026-11-20T09:30:00Z",
            ["dataVersion"] = "1",
            ["data"] = new JsonObject { ["validationCode"] = "code-123" },
        }).ToJsonString();

        var response = await ReceiveAsync(host, trigger, validation);

        Assert.Equal(StatusCodes.Status200OK, response.Status);
        Assert.Equal("code-123", JsonNode.Parse(response.Body)!["validationResponse"]!.GetValue<string>());
    }

    [Fact]
    public async Task Receive_NoUsableEvent_Is400ValidationProblem()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var trigger = ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(host.Services);

        var response = await ReceiveAsync(host, trigger, "[]");

        Assert.Equal(StatusCodes.Status400BadRequest, response.Status);
        Assert.Equal(ProblemTypes.Validation, JsonNode.Parse(response.Body)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task AllowDelivery_CloudEventsProbe_EchoesTheOrigin()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var trigger = ActivatorUtilities.CreateInstance<EventGridWebhookTriggers>(host.Services);
        var context = TriggerRequests.Create(host.Services, HttpMethods.Options);
        context.Request.Headers[EventGridHandshake.RequestOriginHeader] = "eventgrid.azure.net";

        var (status, _) = await TriggerRequests.ExecuteAsync(await trigger.AllowDeliveryAsync(context.Request, CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("eventgrid.azure.net", context.Response.Headers[EventGridHandshake.AllowedOriginHeader].ToString());
    }

    private static async Task<(int Status, string Body)> ReceiveAsync(DurableFunctionsHost host, EventGridWebhookTriggers trigger, string body)
    {
        var context = TriggerRequests.Create(host.Services, HttpMethods.Post, body);
        return await TriggerRequests.ExecuteAsync(await trigger.ReceiveAsync(context.Request, host.Client, CancellationToken.None), context);
    }

    private static JsonObject Event(string user) => new()
    {
        ["id"] = "evt-" + user,
        ["subject"] = "conversations/" + user,
        ["eventType"] = ConversationEventTypes.Turns,
        ["eventTime"] = "2026-11-20T09:30:00Z",
        ["dataVersion"] = "1.0",
        ["data"] = new JsonObject
        {
            ["userId"] = user,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "I live in Oslo." }),
        },
    };
}
