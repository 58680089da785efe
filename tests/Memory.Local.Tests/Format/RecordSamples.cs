using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Tests.Format;

/// <summary>One record of each persisted type with every field set (and one with every optional field empty), for the golden JSON tests.</summary>
internal static class RecordSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 30, 15, 123, TimeSpan.Zero);

    public static MemoryRecord FullMemory { get; } = new()
    {
        Id = "mem_1",
        TenantId = "t1",
        UserId = "alice",
        AgentId = "agent-7",
        SessionId = "s-1",
        Kind = MemoryKind.Turn,
        Speaker = "Alice",
        Text = "Alice likes C++ & \"green\" tea, café ☕",
        Embedding = [0.6f, 0.8f],
        Metadata = new Dictionary<string, MetadataValue>
        {
            ["topic"] = MetadataValue.FromString("drinks"),
            ["score"] = MetadataValue.FromNumber(2.5),
            ["pinned"] = MetadataValue.FromBoolean(true),
        },
        Tags = ["tea", "morning"],
        Source = MemorySource.Agent,
        Confidence = 0.75,
        Importance = 0.25,
        ContentHash = "hash-1",
        Provenance = new Provenance("op_1", ["m1", "m2"]),
        CreatedAt = At,
        UpdatedAt = At.AddHours(1),
        ValidFrom = At.AddDays(-1),
        ValidTo = At.AddDays(1),
        SupersededBy = "mem_2",
        ExpiresAt = At.AddDays(30),
        ETag = "\"42\"",
    };

    public static MemoryRecord SparseMemory { get; } = new()
    {
        Id = "mem_3",
        TenantId = "t1",
        UserId = "alice",
        Text = "Alice lives in Oslo",
        ContentHash = "hash-3",
        CreatedAt = At,
        UpdatedAt = At,
        ValidFrom = At,
    };

    public static HistoryEvent FullHistory { get; } = new()
    {
        Id = "mem_1.update.abc",
        MemoryId = "mem_1",
        TenantId = "t1",
        UserId = "alice",
        Operation = HistoryOperation.Supersede,
        Before = "Alice likes green tea",
        After = "Alice likes black tea",
        At = At,
        OperationId = "op_1",
        Actor = "workflow",
        Reason = "newer statement",
    };

    public static HistoryEvent SparseHistory { get; } = new()
    {
        Id = "mem_3.add.def",
        MemoryId = "mem_3",
        TenantId = "t1",
        UserId = "alice",
        Operation = HistoryOperation.Add,
        At = At,
        Actor = "api",
    };

    public static MemoryOperation FullOperation { get; } = new()
    {
        Id = "op_1",
        TenantId = "t1",
        UserId = "alice",
        Status = OperationStatus.Failed,
        Request = new IngestionRequest(
            [
                new ConversationMessage("m1", MessageRole.User, "I like green tea", At, "Alice"),
                new ConversationMessage("m2", MessageRole.Assistant, "Noted.", At.AddSeconds(5)),
            ],
            "agent-7",
            "s-1",
            new Dictionary<string, MetadataValue> { ["channel"] = MetadataValue.FromString("chat") }),
        IdempotencyKey = "key-1",
        RequestFingerprint = "fp-1",
        Progress = new OperationProgress("apply", 2, 3),
        Decisions =
        [
            new AppliedDecision(MemoryAction.Supersede, "Alice likes black tea", "mem_1", "mem_0", "newer"),
            new AppliedDecision(MemoryAction.Noop, "Alice likes tea", null, null, null),
        ],
        Error = new OperationError("urn:example:problem", "Failed", "It failed."),
        Usage = new TokenUsage(120, 30),
        CreatedAt = At,
        UpdatedAt = At.AddMinutes(1),
        ETag = "\"43\"",
        Epoch = 7,
    };

    public static MemoryOperation SparseOperation { get; } = new()
    {
        Id = "op_2",
        TenantId = "t1",
        UserId = "alice",
        Request = new IngestionRequest([]),
        CreatedAt = At,
        UpdatedAt = At,
    };

    public static AuditRecord FullAudit { get; } = new(
        "0193a1b2c3d4", "t1", "alice", AuditAction.EraseUser, AuditOutcome.Succeeded, "entra:oid@tid", "4bf92f3577b34da6a3ce929d0e0e4736", At, At.AddSeconds(1), "memories=3 operations=1");

    public static AuditRecord SparseAudit { get; } = new("a2", "t1", "bob", AuditAction.ExportUser, AuditOutcome.Started, "anonymous", null, At, null, null);
}
