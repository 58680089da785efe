using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Local.Tests.Format;

/// <summary>
/// The scenario the committed fixtures under <c>Fixtures/format-v*</c> were written with (v1 by commit 73de7d8, the
/// release before format versions; v2 by commit 8104d08; v3, with an audit record, by commit 337ff14's predecessors
/// that introduced it; v3-late by commit ba52933, the last release writing format 3, which already wrote the fields
/// format 4 names; v4 by this code): alice's memory replaced, another added and deleted, an operation updated, a
/// compaction, bob erased (from v3 with the audit record of it), then carol written to the new log (from v3-late with
/// a kept turn carrying its resolved dates, preceding words and ordinal, an operation with a callback, and the erase
/// operation of bob's erase). <see cref="VerifyAsync"/> is what any later release must still read from them. To add a
/// fixture for a new format, run <see cref="WriteAsync"/> into <c>Fixtures/format-v{N}</c> (without the LOCK file).
/// </summary>
internal static class FormatFixture
{
    public static readonly MemoryPartition Alice = new("t1", "alice");
    public static readonly MemoryPartition Bob = new("t1", "bob");
    public static readonly MemoryPartition Carol = new("t2", "carol");
    private static readonly DateTimeOffset T0 = StoreHarness.T0;

    public static async Task WriteAsync(string directory)
    {
        await using var engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = directory });
        var memories = new LocalMemoryStore(engine);
        var operations = new LocalOperationStore(engine);
        var tea = Memory(Alice, "Alice drinks green tea", [0.6f, 0.8f, 0f, 0f]);
        var added = await memories.AddAsync(Alice, tea, Event(tea, HistoryOperation.Add, null, tea.Text, T0));
        var black = added.Memory! with { Text = "Alice drinks black tea", UpdatedAt = T0.AddHours(1) };
        await memories.ReplaceAsync(Alice, black, added.Memory!.ETag, Event(black, HistoryOperation.Update, tea.Text, black.Text, T0.AddHours(1)));
        var oslo = Memory(Alice, "Alice lives in Oslo", [0f, 0f, 1f, 0f]);
        await memories.AddAsync(Alice, oslo, Event(oslo, HistoryOperation.Add, null, oslo.Text, T0));
        await memories.DeleteAsync(Alice, oslo.Id, null, Event(oslo, HistoryOperation.Delete, oslo.Text, null, T0.AddHours(2)));
        var operation = await operations.CreateAsync(new MemoryOperation
        {
            Id = "op_1",
            TenantId = Alice.TenantId,
            UserId = Alice.UserId,
            Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "I like green tea", T0)]),
            CreatedAt = T0,
            UpdatedAt = T0,
        });
        await operations.UpdateAsync(operation.Operation! with { Status = OperationStatus.Running });
        var bees = Memory(Bob, "Bob keeps bees", [0f, 1f, 0f, 0f]);
        await memories.AddAsync(Bob, bees, Event(bees, HistoryOperation.Add, null, bees.Text, T0));
        await engine.CompactAsync();
        var erasure = await memories.EraseAsync(Bob);
        await new LocalAuditLog(engine).WriteAsync(BobErased);
        var boat = Memory(Carol, "Carol sails a boat", [1f, 0f, 0f, 0f]);
        await memories.AddAsync(Carol, boat, Event(boat, HistoryOperation.Add, null, boat.Text, T0));
        await memories.AddAsync(Carol, CarolsTurn, Event(CarolsTurn, HistoryOperation.Add, null, CarolsTurn.Text, T0));
        await operations.CreateAsync(CarolsOperation);
        await operations.CreateAsync(BobsErase with { Epoch = erasure.Epoch });
    }

    /// <summary>A kept turn with every field format 4 names (written within format 3 by v3-late).</summary>
    public static readonly MemoryRecord CarolsTurn = StoreHarness.Memory(Carol, "I sailed to the island yesterday", [0f, 0f, 0f, 1f]) with
    {
        Kind = MemoryKind.Turn,
        Speaker = "Carol",
        ResolvedDates = "yesterday = 31 October 2026",
        PrecedingText = "What did you do at the weekend?",
        Ordinal = 2,
    };

    /// <summary>An ingestion that asked for a completion callback, delivered once (format 4 on; v3-late).</summary>
    public static readonly MemoryOperation CarolsOperation = new()
    {
        Id = "op_2",
        TenantId = Carol.TenantId,
        UserId = Carol.UserId,
        Status = OperationStatus.Succeeded,
        Request = new IngestionRequest([new ConversationMessage("m2", MessageRole.User, "I sailed to the island yesterday", T0)], CallbackUrl: "https://agent.example/done"),
        Callback = new CallbackDelivery(1, T0.AddMinutes(1)),
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(1),
    };

    /// <summary>The erase operation of bob's erase, kept in his partition after it as his record that it happened (format 4 on; v3-late).</summary>
    public static MemoryOperation BobsErase => new()
    {
        Id = "op_erase",
        TenantId = Bob.TenantId,
        UserId = Bob.UserId,
        Kind = OperationKind.Erase,
        Status = OperationStatus.Succeeded,
        Request = new IngestionRequest([]),
        Erasure = new OperationErasure(BobErased, MemoriesErased: 1, OperationsErased: 0),
        CreatedAt = T0,
        UpdatedAt = T0.AddSeconds(1),
    };

    /// <summary>The audit record of bob's erase (format 3 on), written right after it.</summary>
    public static readonly AuditRecord BobErased = new(
        "audit_1", Bob.TenantId, Bob.UserId, AuditAction.EraseUser, AuditOutcome.Succeeded, "key:ops", "trace-1", T0, T0.AddSeconds(1), "memories=1 operations=0");

    public static async Task VerifyAsync(LocalStorageEngine engine, bool holdsAudit = true, bool holdsFormat4Fields = true)
    {
        Assert.Equal(holdsAudit ? [BobErased] : [], await new LocalAuditLog(engine).ReadAsync(Bob.TenantId, 10));
        var memories = new LocalMemoryStore(engine);
        var tea = await memories.GetAsync(Alice, Id(Alice, "Alice drinks green tea"));
        Assert.NotNull(tea);
        Assert.Equal("Alice drinks black tea", tea.Text);
        Assert.Equal([0.6f, 0.8f, 0f, 0f], tea.Embedding);
        Assert.Equal(T0.AddHours(1), tea.UpdatedAt);
        Assert.Matches("^\"[0-9]+\"$", tea.ETag);
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Update], (await memories.GetHistoryAsync(Alice, tea.Id)).Select(e => e.Operation));
        var oslo = Id(Alice, "Alice lives in Oslo");
        Assert.Null(await memories.GetAsync(Alice, oslo));
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Delete], (await memories.GetHistoryAsync(Alice, oslo)).Select(e => e.Operation));
        var operation = await new LocalOperationStore(engine).GetAsync(Alice, "op_1");
        Assert.Equal(OperationStatus.Running, operation!.Status);
        Assert.Equal("I like green tea", operation.Request.Messages[0].Content);
        Assert.Null(await memories.GetAsync(Bob, Id(Bob, "Bob keeps bees")));
        Assert.Equal("Carol sails a boat", (await memories.GetAsync(Carol, Id(Carol, "Carol sails a boat")))?.Text);
        if (holdsFormat4Fields)
        {
            await VerifyFormat4FieldsAsync(engine, memories);
        }
    }

    private static async Task VerifyFormat4FieldsAsync(LocalStorageEngine engine, LocalMemoryStore memories)
    {
        var turn = await memories.GetAsync(Carol, CarolsTurn.Id);
        Assert.NotNull(turn);
        Assert.Equal(
            (MemoryKind.Turn, "Carol", CarolsTurn.ResolvedDates, CarolsTurn.PrecedingText, (int?)2),
            (turn.Kind, turn.Speaker, turn.ResolvedDates, turn.PrecedingText, turn.Ordinal));
        var operations = new LocalOperationStore(engine);
        var callback = await operations.GetAsync(Carol, "op_2");
        Assert.Equal((CarolsOperation.Request.CallbackUrl, CarolsOperation.Callback), (callback!.Request.CallbackUrl, callback.Callback));
        var erase = await operations.GetAsync(Bob, "op_erase");
        Assert.Equal((OperationKind.Erase, OperationStatus.Succeeded), (erase!.Kind, erase.Status));
        Assert.Equal(BobsErase.Erasure, erase.Erasure);
    }

    private static string Id(MemoryPartition partition, string text) => MemoryIds.ForMemory(partition, null, text);

    private static MemoryRecord Memory(MemoryPartition partition, string text, float[] embedding) =>
        StoreHarness.Memory(partition, text, embedding);

    private static HistoryEvent Event(MemoryRecord memory, HistoryOperation operation, string? before, string? after, DateTimeOffset at) =>
        HistoryEvents.For(memory, operation, before, after, at, "fixture");
}
