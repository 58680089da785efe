using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Http.Tests.Auth;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static MemoryFunctions.Http.Tests.EventGrid.EventGridPayloads;

namespace MemoryFunctions.Http.Tests.EventGrid;

/// <summary>A subscription's key reaches the tenants it was bound to; one event outside them refuses the whole delivery.</summary>
public sealed class EventGridScopeTests
{
    private static readonly CallerAuthenticator Keys = TestAuth.Create(TestKeys.Settings(
    [
        new TestKey("feed-acme-globex", "feed", ["acme", "globex"], null, "write"),
        new TestKey("feed-acme-alice", "alice-feed", ["acme"], "alice", "write"),
        new TestKey("reader", "reader", ["acme"], null, "read"),
    ]));

    private readonly FakeEventGridIngestion _ingestion = new();

    private async Task<IResult> ReceiveAsync(string? key, BinaryData body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(body.ToArray());
        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        return (await EventGridApi.ReceiveAsync(context.Request, _ingestion, new FakeTimeProvider(), Keys, NoQuotas, CancellationToken.None)).Result;
    }

    [Fact]
    public async Task Receive_EventsOfTheKeysTenants_AllSubmittedToTheirOwnTenant()
    {
        var result = await ReceiveAsync("feed", Batch(EventGridEvent(Conversation(tenantId: "acme"), id: "e1"), EventGridEvent(Conversation(tenantId: "globex"), id: "e2")));

        Assert.IsType<Ok<EventGridReceipt>>(result);
        Assert.Equal(["acme", "globex"], _ingestion.Submitted.Select(s => s.Partition.TenantId));
    }

    [Theory]
    [InlineData("feed", "initech", "alice")]
    [InlineData("feed", null, "alice")]
    [InlineData("alice-feed", "acme", "bob")]
    public async Task Receive_OneEventOutsideTheKeysScope_WholeDeliveryRefused403NothingSubmitted(string key, string? tenant, string user)
    {
        var result = await ReceiveAsync(key, Batch(
            EventGridEvent(Conversation(userId: "alice", tenantId: "acme"), id: "ok-1"),
            EventGridEvent(Conversation(userId: user, tenantId: tenant), id: "forged-1")));

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((StatusCodes.Status403Forbidden, ProblemTypes.OutOfScope), (problem.StatusCode, problem.ProblemDetails.Type));
        Assert.Contains("forged-1", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Empty(_ingestion.Submitted);
    }

    [Theory]
    [InlineData("reader", StatusCodes.Status403Forbidden, ProblemTypes.MissingRole)]
    [InlineData("wrong", StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized)]
    [InlineData(null, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized)]
    public async Task Receive_NoWriteCredential_RefusedBeforeTheHandshakeOrAnyEvent(string? key, int status, string type)
    {
        var validation = EventGridEvent(new System.Text.Json.Nodes.JsonObject { ["validationCode"] = "code-1" }, type: ConversationEventTypes.SubscriptionValidation);

        foreach (var body in new[] { Batch(validation), Batch(EventGridEvent(Conversation(tenantId: "acme"))) })
        {
            var problem = Assert.IsType<ProblemHttpResult>(await ReceiveAsync(key, body));
            Assert.Equal((status, type), (problem.StatusCode, problem.ProblemDetails.Type));
        }

        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task Receive_HandshakeWithTheSubscriptionsKey_EchoesTheCode()
    {
        var validation = EventGridEvent(new System.Text.Json.Nodes.JsonObject { ["validationCode"] = "code-1" }, type: ConversationEventTypes.SubscriptionValidation);

        var result = await ReceiveAsync("feed", Batch(validation));

        Assert.Equal("code-1", Assert.IsType<Ok<SubscriptionValidationResponse>>(result).Value!.ValidationResponse);
    }
}
