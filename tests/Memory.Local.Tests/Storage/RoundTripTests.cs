using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Tests.Storage;

public sealed class RoundTripTests
{
    private static readonly MemoryPartition Alice = new("tenant-ü", "alice|1");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_AfterRestartFromLogOrSnapshot_EveryFieldRoundTrips(bool compactFirst)
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "Alice prefers 🍵 over ☕ — \"quoted\"", [0.6f, 0f, 0.8f, 0f]) with
        {
            AgentId = "agent-7",
            SessionId = "session-3",
            Kind = MemoryKind.Preference,
            Metadata = new Dictionary<string, MetadataValue>
            {
                ["channel"] = MetadataValue.FromString("voice"),
                ["score"] = MetadataValue.FromNumber(0.25),
                ["pinned"] = MetadataValue.FromBoolean(true),
            },
            Tags = ["drinks", "morning"],
            Source = MemorySource.Agent,
            Confidence = 0.8,
            Importance = 0.9,
            Provenance = new Provenance("op_9", ["m1", "m2"]),
            ValidTo = StoreHarness.T0.AddDays(3),
            SupersededBy = "mem_other",
            ExpiresAt = StoreHarness.T0.AddDays(30),
        };
        var written = (await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory))).Memory!;
        var operation = StoreHarness.Operation(Alice, "op_9") with
        {
            Status = OperationStatus.Failed,
            IdempotencyKey = "key-1",
            Progress = new OperationProgress("reconcile", 2, 3),
            Decisions = [new AppliedDecision(MemoryAction.Supersede, "fact", "mem_a", "mem_b", "newer")],
            Error = new OperationError("https://example.org/problems/x", "Title", "Detail"),
            Usage = new TokenUsage(10, 20),
            Request = new IngestionRequest(
                [new ConversationMessage("m1", MessageRole.Assistant, "hello", StoreHarness.T0)],
                "agent-7",
                "session-3",
                new Dictionary<string, MetadataValue> { ["k"] = MetadataValue.FromNumber(1) }),
        };
        var storedOperation = (await harness.Operations.CreateAsync(operation)).Operation!;
        if (compactFirst)
        {
            await harness.Engine.CompactAsync();
        }

        await harness.ReopenAsync();

        var reloaded = await harness.Memories.GetAsync(Alice, memory.Id);
        Assert.Equivalent(written, reloaded, strict: true);
        var history = Assert.Single(await harness.Memories.GetHistoryAsync(Alice, memory.Id));
        Assert.Equivalent(StoreHarness.Added(memory), history, strict: true);
        Assert.Equivalent(storedOperation, await harness.Operations.GetAsync(Alice, "op_9"), strict: true);
    }
}
