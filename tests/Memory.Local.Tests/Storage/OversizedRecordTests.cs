using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests.Storage;

/// <summary>
/// The store never writes a frame its reader would refuse. The case: '+' is escaped as <c>\u002B</c> in the JSON,
/// so text grows six-fold on disk; an operation that grew past the reader's limit made the next snapshot unreadable.
/// </summary>
public sealed class OversizedRecordTests
{
    private static readonly MemoryPartition Attacker = new("t1", "attacker");
    private static readonly MemoryPartition Bystander = new("t2", "bystander");

    // 3 M '+' → 18 MB of JSON, past the 16 MiB write limit but under the 256 MiB read limit.
    private static readonly string Pluses = new('+', 3_000_000);

    [Fact]
    public async Task CreateOperation_EncodedPastTheLimit_RefusedAndEveryTenantSurvivesCompactionAndRestart()
    {
        await using var harness = new StoreHarness();
        var kept = StoreHarness.Memory(Bystander, "Bystander likes green tea");
        await harness.Memories.AddAsync(Bystander, kept, StoreHarness.Added(kept));

        var refused = await Assert.ThrowsAsync<StoreFailureException>(() => harness.Operations.CreateAsync(StoreHarness.Operation(Attacker, "op_big", Pluses)));
        var later = StoreHarness.Memory(Bystander, "Bystander lives in Oslo");
        await harness.Memories.AddAsync(Bystander, later, StoreHarness.Added(later));
        await harness.Engine.CompactAsync();
        await harness.ReopenAsync();

        Assert.Equal((StoreFailureKind.TooLarge, false, 16L * 1024 * 1024), (refused.Kind, refused.IsTransient, refused.LimitBytes));
        Assert.NotNull(await harness.Memories.GetAsync(Bystander, kept.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Bystander, later.Id));
        Assert.Null(await harness.Operations.GetAsync(Attacker, "op_big"));
    }

    [Fact]
    public async Task UpdateOperation_GrownPastTheLimitInTheSameBatch_FailsAloneAndTheBatchCommits()
    {
        await using var harness = new StoreHarness();
        var created = await harness.Operations.CreateAsync(StoreHarness.Operation(Attacker, "op_1"));
        var grown = created.Operation! with { Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, Pluses, StoreHarness.T0)]) };
        var memory = StoreHarness.Memory(Bystander, "written beside the oversized update");

        var writes = new Task[]
        {
            harness.Operations.UpdateAsync(grown),
            harness.Memories.AddAsync(Bystander, memory, StoreHarness.Added(memory)),
        };
        await Assert.ThrowsAsync<StoreFailureException>(() => writes[0]);
        await writes[1];
        await harness.ReopenAsync();

        Assert.Equal("I like green tea", (await harness.Operations.GetAsync(Attacker, "op_1"))!.Request.Messages[0].Content);
        Assert.NotNull(await harness.Memories.GetAsync(Bystander, memory.Id));
    }

    [Fact]
    public async Task AddMemory_TextPastTheLimit_RefusedWithoutTouchingTheLog()
    {
        await using var harness = new StoreHarness();
        var before = harness.Engine.LogBytes;

        await Assert.ThrowsAsync<StoreFailureException>(() => harness.Memories.AddAsync(Attacker, StoreHarness.Memory(Attacker, Pluses), StoreHarness.Added(StoreHarness.Memory(Attacker, "x"))));

        Assert.Equal(before, harness.Engine.LogBytes);
    }
}
