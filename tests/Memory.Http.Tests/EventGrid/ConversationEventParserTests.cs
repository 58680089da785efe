using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Http.EventGrid;
using static MemoryFunctions.Http.Tests.EventGrid.EventGridPayloads;

namespace MemoryFunctions.Http.Tests.EventGrid;

public sealed class ConversationEventParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_SingleCloudEvent_YieldsSubmissionWithPartitionAndMessages()
    {
        var batch = ConversationEventParser.Parse(Body(CloudEvent(Conversation(tenantId: "contoso", messages: 2))), ReceivedAt);

        var submission = Assert.Single(batch.Submissions);
        Assert.Empty(batch.Rejected);
        Assert.Empty(batch.Ignored);
        Assert.Equal("evt-1", submission.EventId);
        Assert.Equal(new MemoryPartition("contoso", "alice"), submission.Partition);
        Assert.Equal("support-bot", submission.Request.AgentId);
        Assert.Equal("s-1", submission.Request.SessionId);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], submission.Request.Messages.Select(m => m.Role));
        Assert.Equal("I moved to Lisbon in 2024 (0).", submission.Request.Messages[0].Content);
    }

    [Fact]
    public void Parse_CloudEventWithoutTenant_UsesDefaultTenant()
    {
        var batch = ConversationEventParser.Parse(Body(CloudEvent(Conversation())), ReceivedAt);

        Assert.Equal(ConversationEventLimits.DefaultTenantId, Assert.Single(batch.Submissions).Partition.TenantId);
    }

    [Fact]
    public void Parse_MessageWithoutIdOrTimestamp_DefaultsDeriveFromEvent()
    {
        var batch = ConversationEventParser.Parse(Body(CloudEvent(Conversation(messages: 2))), ReceivedAt);

        var submission = Assert.Single(batch.Submissions);
        Assert.Equal([$"{submission.IdempotencyKey}-0", $"{submission.IdempotencyKey}-1"], submission.Request.Messages.Select(m => m.Id));
        Assert.All(submission.Request.Messages, message => Assert.Equal(EventTime, message.Timestamp));
    }

    [Fact]
    public void Parse_EventWithoutTime_MessagesGetReceivedAt()
    {
        var cloudEvent = CloudEvent(Conversation());
        cloudEvent.Remove("time");

        var batch = ConversationEventParser.Parse(Body(cloudEvent), ReceivedAt);

        Assert.Equal(ReceivedAt, Assert.Single(Assert.Single(batch.Submissions).Request.Messages).Timestamp);
    }

    [Fact]
    public void Parse_MessageWithIdAndTimestamp_KeepsThem()
    {
        var data = Conversation();
        var message = data["messages"]![0]!.AsObject();
        message["id"] = "m-42";
        message["timestamp"] = "2026-01-02T03:04:05+00:00";

        var batch = ConversationEventParser.Parse(Body(CloudEvent(data)), ReceivedAt);

        var parsed = Assert.Single(Assert.Single(batch.Submissions).Request.Messages);
        Assert.Equal("m-42", parsed.Id);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), parsed.Timestamp);
    }

    [Fact]
    public void Parse_Metadata_MapsScalars()
    {
        var batch = ConversationEventParser.Parse(Body(CloudEvent(Conversation())), ReceivedAt);

        var metadata = Assert.Single(batch.Submissions).Request.Metadata!;
        Assert.Equal(MetadataValue.FromString("chat"), metadata["channel"]);
        Assert.Equal(MetadataValue.FromNumber(2), metadata["priority"]);
        Assert.Equal(MetadataValue.FromBoolean(true), metadata["vip"]);
    }

    [Fact]
    public void Parse_MetadataWithNestedObject_Rejected()
    {
        var data = Conversation();
        data["metadata"] = new JsonObject { ["nested"] = new JsonObject() };

        var batch = ConversationEventParser.Parse(Body(CloudEvent(data)), ReceivedAt);

        Assert.Empty(batch.Submissions);
        Assert.Contains("data is not a valid conversation", Assert.Single(batch.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RedeliveredCloudEvent_SameIdempotencyKey()
    {
        var first = ConversationEventParser.Parse(Body(CloudEvent(Conversation())), ReceivedAt);
        var again = ConversationEventParser.Parse(Body(CloudEvent(Conversation())), ReceivedAt.AddMinutes(5));

        Assert.Equal(Assert.Single(first.Submissions).IdempotencyKey, Assert.Single(again.Submissions).IdempotencyKey);
    }

    [Fact]
    public void Parse_SameIdFromAnotherSource_DifferentIdempotencyKey()
    {
        var first = ConversationEventParser.Parse(Body(CloudEvent(Conversation(), source: "/agents/a")), ReceivedAt);
        var other = ConversationEventParser.Parse(Body(CloudEvent(Conversation(), source: "/agents/b")), ReceivedAt);

        Assert.NotEqual(Assert.Single(first.Submissions).IdempotencyKey, Assert.Single(other.Submissions).IdempotencyKey);
    }

    [Fact]
    public void Parse_IdempotencyKey_IsAValidId()
    {
        var batch = ConversationEventParser.Parse(Body(CloudEvent(Conversation(), id: "weird id/with spaces", source: "urn:x y")), ReceivedAt);

        Assert.Matches(@"^evt-[0-9a-f]{32}$", Assert.Single(batch.Submissions).IdempotencyKey);
    }

    [Fact]
    public void Parse_CloudEventBatch_OneSubmissionPerEvent()
    {
        var batch = ConversationEventParser.Parse(
            Batch(CloudEvent(Conversation("alice"), id: "a"), CloudEvent(Conversation("bob"), id: "b")),
            ReceivedAt);

        Assert.Equal(["a", "b"], batch.Submissions.Select(s => s.EventId));
        Assert.Equal(["alice", "bob"], batch.Submissions.Select(s => s.Partition.UserId));
    }

    [Fact]
    public void Parse_EventGridSchemaArray_YieldsSubmission()
    {
        var batch = ConversationEventParser.Parse(Batch(EventGridEvent(Conversation())), ReceivedAt);

        var submission = Assert.Single(batch.Submissions);
        Assert.Equal("evt-1", submission.EventId);
        Assert.Equal("alice", submission.Partition.UserId);
        Assert.Equal(EventTime, Assert.Single(submission.Request.Messages).Timestamp);
    }

    [Fact]
    public void Parse_EventGridSchemaFromAnotherTopic_DifferentIdempotencyKey()
    {
        var first = ConversationEventParser.Parse(Batch(EventGridEvent(Conversation(), topic: "t1")), ReceivedAt);
        var other = ConversationEventParser.Parse(Batch(EventGridEvent(Conversation(), topic: "t2")), ReceivedAt);

        Assert.NotEqual(Assert.Single(first.Submissions).IdempotencyKey, Assert.Single(other.Submissions).IdempotencyKey);
    }

    [Fact]
    public void Parse_UnknownEventTypes_IgnoredInBothSchemas()
    {
        var batch = ConversationEventParser.Parse(
            Batch(CloudEvent(new JsonObject(), id: "c", type: "Contoso.Other"), EventGridEvent(new JsonObject(), id: "e", type: "Microsoft.Storage.BlobCreated")),
            ReceivedAt);

        Assert.Empty(batch.Submissions);
        Assert.Empty(batch.Rejected);
        Assert.Equal([new EventGridIgnoredEvent("c", "Contoso.Other"), new EventGridIgnoredEvent("e", "Microsoft.Storage.BlobCreated")], batch.Ignored);
    }

    [Fact]
    public void Parse_SubscriptionValidationEvent_ReturnsValidationCode()
    {
        var validation = EventGridEvent(
            new JsonObject { ["validationCode"] = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", ["validationUrl"] = "https://example/validate" },
            type: ConversationEventTypes.SubscriptionValidation);

        var batch = ConversationEventParser.Parse(Batch(validation), ReceivedAt);

        Assert.True(batch.IsSubscriptionValidation);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", batch.ValidationCode);
        Assert.Empty(batch.Submissions);
    }

    [Fact]
    public void Parse_MixedBatch_SortsEachEvent()
    {
        var invalid = Conversation();
        invalid["userId"] = "not valid!";

        var batch = ConversationEventParser.Parse(
            Batch(CloudEvent(Conversation(), id: "ok"), CloudEvent(invalid, id: "bad"), CloudEvent(null, id: "other", type: "Contoso.Other")),
            ReceivedAt);

        Assert.Equal("ok", Assert.Single(batch.Submissions).EventId);
        Assert.Equal("other", Assert.Single(batch.Ignored).EventId);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal("bad", rejection.EventId);
        Assert.StartsWith("userId must match", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void Parse_BodyThatIsNoEvent_RejectedWithoutId(string body)
    {
        var batch = ConversationEventParser.Parse(BinaryData.FromString(body), ReceivedAt);

        var rejection = Assert.Single(batch.Rejected);
        Assert.Null(rejection.EventId);
        Assert.Empty(batch.Submissions);
    }

    [Fact]
    public void Parse_EmptyArray_EmptyBatch()
    {
        var batch = ConversationEventParser.Parse(BinaryData.FromString("[]"), ReceivedAt);

        Assert.Empty(batch.Submissions);
        Assert.Empty(batch.Ignored);
        Assert.Empty(batch.Rejected);
    }

    [Fact]
    public void Parse_CloudEventWithoutSource_Rejected()
    {
        var cloudEvent = CloudEvent(Conversation());
        cloudEvent.Remove("source");

        var batch = ConversationEventParser.Parse(Body(cloudEvent), ReceivedAt);

        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal("evt-1", rejection.EventId);
        Assert.StartsWith("Not a valid CloudEvent", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TurnsEventWithoutData_Rejected()
    {
        var cloudEvent = CloudEvent(null);
        cloudEvent.Remove("data");

        var batch = ConversationEventParser.Parse(Body(cloudEvent), ReceivedAt);

        Assert.Equal(new EventGridRejection("evt-1", "data is required."), Assert.Single(batch.Rejected));
    }

    [Fact]
    public void Parse_EventThatIsNotAnObject_Rejected()
    {
        var batch = ConversationEventParser.Parse(BinaryData.FromString("[1]"), ReceivedAt);

        Assert.Equal(new EventGridRejection(null, "Each event must be a JSON object."), Assert.Single(batch.Rejected));
    }
}
