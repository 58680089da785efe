using MemoryFunctions.Http.Problems;
using System.Text;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Http.EventGrid;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Tests.Quotas;
using MemoryFunctions.Http.Tests.Auth;
using MemoryFunctions.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static MemoryFunctions.Http.Tests.EventGrid.EventGridPayloads;

namespace MemoryFunctions.Http.Tests.EventGrid;

public sealed class EventGridApiTests
{
    private readonly FakeEventGridIngestion _ingestion = new();
    private readonly FakeTimeProvider _clock = new();

    private static HttpRequest Post(BinaryData body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/cloudevents+json";
        context.Request.Body = new MemoryStream(body.ToArray());
        context.Request.ContentLength = body.ToMemory().Length;
        return context.Request;
    }

    [Fact]
    public async Task ReceiveAsync_ValidCloudEvent_SubmitsAndReturnsOperationId()
    {
        var result = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        var receipt = Assert.IsType<Ok<EventGridReceipt>>(result.Result).Value!;
        var submitted = Assert.Single(_ingestion.Submitted);
        var accepted = Assert.Single(receipt.Accepted);
        Assert.Equal("evt-1", accepted.EventId);
        Assert.Equal(Core.Domain.MemoryIds.ForOperation(submitted.Partition, 0, submitted.IdempotencyKey), accepted.OperationId);
    }

    /// <summary>Issue 25, symptom 5: the admission quotas hold at the webhook too; a full queue refuses the whole delivery, retryably.</summary>
    [Fact]
    public async Task ReceiveAsync_TenantsQueueFull_WholeDelivery429WithRetryAfterNothingSubmitted()
    {
        var quotas = new TenantQuotaOptions { Default = new TenantQuota { MaxQueuedOperations = 4 } };
        var admission = new TenantAdmission(Options.Create(quotas), new GivenUsage(new TenantUsage(Users: 1, Memories: 0, UnfinishedOperations: 4, PartitionInUse: true)), _clock);
        var request = Post(Body(CloudEvent(Conversation()), CloudEvent(Conversation(userId: "bob"), id: "evt-2")));

        var result = await EventGridApi.ReceiveAsync(request, _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails;
        Assert.Equal((StatusCodes.Status429TooManyRequests, ProblemTypes.QuotaExceeded, (object?)"queuedOperations"), (problem.Status, problem.Type, problem.Extensions["limit"]));
        Assert.Equal(TenantAdmission.QueueRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Empty(_ingestion.Submitted);
    }

    /// <summary>
    /// A delivery with more events for a tenant than its queue quota can never be admitted whole (issue 25 review): a 429
    /// would be retried by Event Grid until the events expire (24 h by default). 413 is one of the codes Event Grid does not
    /// retry for a webhook (learn.microsoft.com, "Event Grid message delivery and retry": 400, 413, 401, 403), so it
    /// dead-letters at once, where an operator sees it; the detail names the subscription setting that fixes it.
    /// </summary>
    [Fact]
    public async Task ReceiveAsync_MoreEventsThanTheQueueQuotaEvenWhenEmpty_413NamingMaxEventsPerBatchNothingSubmitted()
    {
        var quotas = new TenantQuotaOptions { Default = new TenantQuota { MaxQueuedOperations = 2 } };
        var admission = new TenantAdmission(Options.Create(quotas), new GivenUsage(new TenantUsage(Users: 0, Memories: 0, UnfinishedOperations: 0, PartitionInUse: false)), _clock);
        var request = Post(Body(CloudEvent(Conversation()), CloudEvent(Conversation(userId: "bob"), id: "evt-2"), CloudEvent(Conversation(userId: "cy"), id: "evt-3")));

        var result = await EventGridApi.ReceiveAsync(request, _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result).ProblemDetails;
        Assert.Equal((StatusCodes.Status413PayloadTooLarge, ProblemTypes.QuotaExceeded, (object?)"queuedOperations"), (problem.Status, problem.Type, problem.Extensions["limit"]));
        Assert.Contains("maxEventsPerBatch to at most 2", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task ReceiveAsync_AsManyEventsAsTheQueueQuotaOnAnEmptyQueue_AllAdmitted()
    {
        var quotas = new TenantQuotaOptions { Default = new TenantQuota { MaxQueuedOperations = 2 } };
        var admission = new TenantAdmission(Options.Create(quotas), new GivenUsage(new TenantUsage(Users: 0, Memories: 0, UnfinishedOperations: 0, PartitionInUse: false)), _clock);
        var request = Post(Body(CloudEvent(Conversation()), CloudEvent(Conversation(userId: "bob"), id: "evt-2")));

        var result = await EventGridApi.ReceiveAsync(request, _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);

        Assert.Equal(2, Assert.IsType<Ok<EventGridReceipt>>(result.Result).Value!.Accepted.Count);
    }

    [Fact]
    public async Task ReceiveAsync_RedeliveredEvent_SubmitsSameIdempotencyKeyAndGetsSameOperation()
    {
        var first = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);
        var again = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        Assert.Equal(_ingestion.Submitted[0].IdempotencyKey, _ingestion.Submitted[1].IdempotencyKey);
        Assert.Equal(
            Assert.IsType<Ok<EventGridReceipt>>(first.Result).Value!.Accepted[0].OperationId,
            Assert.IsType<Ok<EventGridReceipt>>(again.Result).Value!.Accepted[0].OperationId);
    }

    /// <summary>
    /// A redelivery (the same event again) is answered with the first operation and adds nothing, so it must not count
    /// against the queue quota: on a reused count (Cosmos DB's) it held a phantom until the next count.
    /// </summary>
    [Fact]
    public async Task ReceiveAsync_RedeliveredEvent_AddsNothingToTheQueueCount()
    {
        var quotas = new TenantQuotaOptions { Default = new TenantQuota { MaxQueuedOperations = 2 } };
        var admission = new TenantAdmission(Options.Create(quotas), new GivenUsage(new TenantUsage(1, 0, 0, true, _clock.GetUtcNow())), _clock);

        var first = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);
        var again = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);
        var next = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation(), id: "evt-2"))), _ingestion, _clock, TestAuth.Open, admission, CancellationToken.None);

        Assert.Single(Assert.IsType<Ok<EventGridReceipt>>(first.Result).Value!.Accepted);
        Assert.Single(Assert.IsType<Ok<EventGridReceipt>>(again.Result).Value!.Accepted);
        Assert.Single(Assert.IsType<Ok<EventGridReceipt>>(next.Result).Value!.Accepted);
    }

    [Fact]
    public async Task ReceiveAsync_ValidationBatchedWithTurns_RefusedWholeNothingSilentlyDropped()
    {
        var validation = EventGridEvent(new System.Text.Json.Nodes.JsonObject { ["validationCode"] = "abc-123" }, id: "evt-v", type: ConversationEventTypes.SubscriptionValidation);

        var result = await EventGridApi.ReceiveAsync(Post(Batch(validation, EventGridEvent(Conversation()))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Contains("1 other event", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task ReceiveAsync_ValidationEventMarkedNotification_CodeNotEchoed()
    {
        var validation = EventGridEvent(new System.Text.Json.Nodes.JsonObject { ["validationCode"] = "abc-123" }, type: ConversationEventTypes.SubscriptionValidation);
        var request = Post(Batch(validation));
        request.Headers[EventGridApi.EventTypeHeader] = "Notification";

        var result = await EventGridApi.ReceiveAsync(request, _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public async Task ReceiveAsync_SubscriptionValidation_AnswersValidationResponse()
    {
        var validation = EventGridEvent(new System.Text.Json.Nodes.JsonObject { ["validationCode"] = "abc-123" }, type: ConversationEventTypes.SubscriptionValidation);

        var result = await EventGridApi.ReceiveAsync(Post(Batch(validation)), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        Assert.Equal(new SubscriptionValidationResponse("abc-123"), Assert.IsType<Ok<SubscriptionValidationResponse>>(result.Result).Value);
        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task ReceiveAsync_OnlyInvalidEvents_Returns400WithoutSubmitting()
    {
        var result = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(Conversation(userId: "bad user")))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(ProblemTypes.Validation, problem.ProblemDetails.Type);
        Assert.Contains("userId must match", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task ReceiveAsync_OnlyUnknownTypes_Returns200WithIgnored()
    {
        var result = await EventGridApi.ReceiveAsync(Post(Body(CloudEvent(null, type: "Contoso.Other"))), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        var receipt = Assert.IsType<Ok<EventGridReceipt>>(result.Result).Value!;
        Assert.Single(receipt.Ignored);
        Assert.Empty(_ingestion.Submitted);
    }

    [Fact]
    public async Task ReceiveAsync_BodyOverLimit_Returns413()
    {
        var huge = BinaryData.FromBytes(Encoding.UTF8.GetBytes(new string(' ', (int)ConversationEventLimits.MaxBodyBytes + 1)));

        var result = await EventGridApi.ReceiveAsync(Post(huge), _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public async Task ReceiveAsync_ChunkedBodyOverLimit_Returns413()
    {
        var request = Post(BinaryData.FromBytes(new byte[ConversationEventLimits.MaxBodyBytes + 10]));
        request.ContentLength = null;

        var result = await EventGridApi.ReceiveAsync(request, _ingestion, _clock, TestAuth.Open, NoQuotas, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public async Task AllowDelivery_WithOrigin_Returns200AndAllowedOriginHeaders()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Options;
        context.Request.Headers["WebHook-Request-Origin"] = "eventgrid.azure.net";

        var result = await EventGridApi.AllowDeliveryAsync(context.Request, TestAuth.Open, CancellationToken.None);

        Assert.IsType<Ok>(result.Result);
        Assert.Equal("eventgrid.azure.net", context.Response.Headers["WebHook-Allowed-Origin"].ToString());
        Assert.Equal("*", context.Response.Headers["WebHook-Allowed-Rate"].ToString());
    }

    [Fact]
    public async Task AllowDelivery_WithoutOrigin_Returns400()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Options;

        var result = await EventGridApi.AllowDeliveryAsync(context.Request, TestAuth.Open, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }
}
