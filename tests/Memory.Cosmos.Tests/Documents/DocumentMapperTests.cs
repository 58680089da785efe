using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Cosmos.Documents;

namespace MemoryFunctions.Cosmos.Tests.Documents;

public sealed class DocumentMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MemoryPartition Partition = new("tenant-1", "user-1");

    [Fact]
    public void MemoryDocument_RoundTripThroughJson_RecordUnchanged()
    {
        var memory = Memory();

        var json = JsonSerializer.Serialize(DocumentMapper.ToDocument(Partition, memory, Now, epoch: 0), CosmosJson.Options);
        var back = DocumentMapper.ToRecord(JsonSerializer.Deserialize<MemoryDocument>(json, CosmosJson.Options)!);

        Assert.Equal(memory.Id, back.Id);
        Assert.Equal(memory.Text, back.Text);
        Assert.Equal(memory.Kind, back.Kind);
        Assert.Equal(memory.Embedding, back.Embedding);
        Assert.Equal(memory.Tags, back.Tags);
        Assert.Equal(memory.Metadata["n"], back.Metadata["n"]);
        Assert.Equal(memory.Metadata["b"], back.Metadata["b"]);
        Assert.Equal(memory.Metadata["s"], back.Metadata["s"]);
        Assert.Equal(memory.Provenance.MessageIds, back.Provenance.MessageIds);
        Assert.Equal(memory.CreatedAt, back.CreatedAt);
        Assert.Equal(memory.ValidTo, back.ValidTo);
        Assert.Equal(memory.ExpiresAt, back.ExpiresAt);
        Assert.Equal(memory.SupersededBy, back.SupersededBy);
        Assert.Equal(memory.Source, back.Source);
    }

    [Fact]
    public void MemoryDocument_Json_CamelCaseTypeIdPrefixAndTtl()
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(DocumentMapper.ToDocument(Partition, Memory(), Now, epoch: 0), CosmosJson.Options))!;

        Assert.Equal("m|mem_1", (string?)node["id"]);
        Assert.Equal("memory", (string?)node["type"]);
        Assert.Equal("tenant-1", (string?)node["tenantId"]);
        Assert.Equal("user-1", (string?)node["userId"]);
        Assert.Equal("preference", (string?)node["kind"]);
        Assert.Equal("agent", (string?)node["source"]);
        Assert.Equal("2026-11-01T11:00:00.0000000Z", (string?)node["createdAt"]);
        Assert.Equal(7200, (int?)node["ttl"]);
        Assert.Null(node["_etag"]);
        Assert.Null(node["sessionId"]);
    }

    [Fact]
    public void MemoryDocument_StoredETag_BecomesRecordETag()
    {
        var document = DocumentMapper.ToDocument(Partition, Memory(), Now, epoch: 0);
        var json = JsonNode.Parse(JsonSerializer.Serialize(document, CosmosJson.Options))!;
        json["_etag"] = "\"0a00-1\"";

        var record = DocumentMapper.ToRecord(json.Deserialize<MemoryDocument>(CosmosJson.Options)!);

        Assert.Equal("\"0a00-1\"", record.ETag);
    }

    [Fact]
    public void ToDocument_PartitionFromCall_OverridesNothingElse()
    {
        var document = DocumentMapper.ToDocument(new MemoryPartition("t2", "u2"), Memory(), Now, epoch: 0);

        Assert.Equal(("t2", "u2"), (document.TenantId, document.UserId));
    }

    [Fact]
    public void HistoryDocument_RoundTrip_OpUpperCaseAndIdFromEvent()
    {
        var history = HistoryEvents.For(Memory(), HistoryOperation.Supersede, "old", "new", Now, "workflow", "op_9", "newer fact");

        var document = DocumentMapper.ToDocument(Partition, history, epoch: 0);
        var json = JsonSerializer.Serialize(document, CosmosJson.Options);
        var back = DocumentMapper.ToRecord(JsonSerializer.Deserialize<HistoryDocument>(json, CosmosJson.Options)!);

        Assert.Equal("h|" + history.Id, document.Id);
        Assert.Equal("SUPERSEDE", JsonNode.Parse(json)!["op"]!.GetValue<string>());
        Assert.Equal("history", JsonNode.Parse(json)!["type"]!.GetValue<string>());
        Assert.Equal(history, back);
    }

    [Fact]
    public void OperationDocument_RoundTrip_RequestDecisionsAndStatus()
    {
        var operation = new MemoryOperation
        {
            Id = "op_1",
            TenantId = "tenant-1",
            UserId = "user-1",
            Status = OperationStatus.Running,
            Request = new IngestionRequest(
                [new ConversationMessage("m1", MessageRole.User, "I moved to Porto", Now)],
                "agent",
                "session",
                new Dictionary<string, MetadataValue> { ["channel"] = MetadataValue.FromString("web") }),
            IdempotencyKey = "key-1",
            Progress = new OperationProgress("extract", 1, 3),
            Decisions = [new AppliedDecision(MemoryAction.Supersede, "Lives in Porto", "mem_2", "mem_1", "moved")],
            Truncation = new IngestionTruncation(FactsOmitted: 3, DecisionsOmitted: 1),
            Error = new OperationError("about:blank", "Oops", "detail"),
            Usage = new TokenUsage(10, 5),
            CreatedAt = Now,
            UpdatedAt = Now.AddSeconds(3),
        };

        var json = JsonSerializer.Serialize(DocumentMapper.ToDocument(operation), CosmosJson.Options);
        var back = DocumentMapper.ToRecord(JsonSerializer.Deserialize<OperationDocument>(json, CosmosJson.Options)!);

        Assert.Equal("o|op_1", (string?)JsonNode.Parse(json)!["id"]);
        Assert.Equal("running", (string?)JsonNode.Parse(json)!["status"]);
        Assert.Equal(operation.Status, back.Status);
        Assert.Equal(operation.Request.Messages, back.Request.Messages);
        Assert.Equal(operation.Request.Metadata!["channel"], back.Request.Metadata!["channel"]);
        Assert.Equal(operation.Decisions, back.Decisions);
        Assert.Equal(operation.Truncation, back.Truncation);
        Assert.Equal(operation.Progress, back.Progress);
        Assert.Equal(operation.Error, back.Error);
        Assert.Equal(operation.Usage, back.Usage);
        Assert.Equal(operation.UpdatedAt, back.UpdatedAt);
    }

    [Fact]
    public void DocumentIds_SameDomainIdPerType_NeverCollide()
    {
        var ids = new[] { DocumentTypes.MemoryId("x"), DocumentTypes.HistoryId("x"), DocumentTypes.OperationId("x") };

        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static MemoryRecord Memory() => new()
    {
        Id = "mem_1",
        TenantId = "tenant-1",
        UserId = "user-1",
        AgentId = "agent",
        Kind = MemoryKind.Preference,
        Text = "Prefers aisle seats",
        Embedding = [0.25f, -0.5f, 1f],
        Metadata = new Dictionary<string, MetadataValue>
        {
            ["s"] = MetadataValue.FromString("x"),
            ["n"] = MetadataValue.FromNumber(1.5),
            ["b"] = MetadataValue.FromBoolean(false),
        },
        Tags = ["travel", "seats"],
        Source = MemorySource.Agent,
        ContentHash = "hash",
        Provenance = new Provenance("op_1", ["m1", "m2"]),
        CreatedAt = Now.AddHours(-1),
        UpdatedAt = Now.AddMinutes(-30),
        ValidFrom = Now.AddHours(-1),
        ValidTo = Now.AddHours(1).AddTicks(1234567),
        SupersededBy = "mem_2",
        ExpiresAt = Now.AddHours(2),
    };
}
