using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Storage;
using MemoryFunctions.Local.Tests.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Local.Tests.Audit;

/// <summary>
/// Hostile sequences around an audited erase on the real engine: erase during export, erase twice, erase then restart,
/// and a disk that is full when the audit record must be written.
/// </summary>
public sealed class AuditedEraseTests : IAsyncDisposable
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly AuditCaller Caller = new("key:ops", "trace-1");
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(StoreHarness.T0);
    private readonly FaultyDataFiles _files = new();
    private LocalStorageEngine _engine;

    public AuditedEraseTests() => _engine = Open();

    private LocalAuditLog Log => new(_engine);

    [Fact]
    public async Task Erase_Twice_RecordsBothTheSecondWithNothingLeftToErase()
    {
        await AddAsync("Alice likes green tea");

        await EraseAsync();
        _clock.Advance(TimeSpan.FromSeconds(1)); // records started at the same instant come back in no set order
        await EraseAsync();

        var records = await Log.ReadAsync("t1", 10);
        Assert.Equal(["memories=0 operations=0", "memories=1 operations=0"], records.Select(r => r.Detail));
        Assert.All(records, r => Assert.Equal((AuditOutcome.Succeeded, "alice", "key:ops"), (r.Outcome, r.UserId, r.Actor)));
    }

    [Fact]
    public async Task Erase_ThenRestartAndCompaction_RecordSurvivesAndTheDataStaysGone()
    {
        var memory = await AddAsync("Alice lives in Oslo");

        await EraseAsync();
        await ReopenAsync();
        await _engine.CompactAsync();
        await ReopenAsync();

        Assert.Null(await new LocalMemoryStore(_engine).GetAsync(Alice, memory.Id));
        var record = Assert.Single(await Log.ReadAsync("t1", 10));
        Assert.Equal((AuditAction.EraseUser, AuditOutcome.Succeeded, "memories=1 operations=0"), (record.Action, record.Outcome, record.Detail));
    }

    [Fact]
    public async Task Erase_DuringExport_BothRecordedInTheOrderTheyStartedWithTheirOutcomes()
    {
        await AddAsync("Alice keeps bees");
        var historyReached = new TaskCompletionSource();
        var eraseDone = new TaskCompletionSource();
        var paused = new PausingExportStore(new LocalMemoryStore(_engine), historyReached, eraseDone.Task);

        var export = Audit().RunAsync(Caller, AuditAction.ExportUser, Alice, ct => Service(paused).ExportAsync(Alice, ct), AuditDetails.Of);
        await historyReached.Task;
        _clock.Advance(TimeSpan.FromSeconds(1));
        await EraseAsync();
        eraseDone.SetResult();
        var exported = await export;

        // The export read the memory before the erase and the (already erased) history after it: both are audited as they ran.
        Assert.Single(exported.Memories);
        var records = await Log.ReadAsync("t1", 10);
        Assert.Equal([AuditAction.EraseUser, AuditAction.ExportUser], records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal(AuditOutcome.Succeeded, r.Outcome));
        Assert.Equal("memories=1 history=0 operations=0", records[1].Detail);
    }

    [Fact]
    public async Task Erase_DiskFullForTheAuditRecord_IsNotPerformedUntilItCanBeRecorded()
    {
        var memory = await AddAsync("Alice's data, kept while the erase cannot be recorded");
        _files.FreeBytes = 10;

        var refused = await Assert.ThrowsAsync<StoreFailureException>(EraseAsync);

        Assert.Equal(StoreFailureKind.Full, refused.Kind);
        Assert.NotNull(await new LocalMemoryStore(_engine).GetAsync(Alice, memory.Id));
        Assert.Empty(await Log.ReadAsync("t1", 10));
        _files.FreeBytes = null;
        await EraseAsync();
        await ReopenAsync();
        Assert.Null(await new LocalMemoryStore(_engine).GetAsync(Alice, memory.Id));
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(await Log.ReadAsync("t1", 10)).Outcome);
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<UserErasure> EraseAsync() =>
        (await new UserErasureService(new LocalMemoryStore(_engine), new LocalOperationStore(_engine), new FakeWorkflowStarter(), Audit(), _clock, NullLogger<UserErasureService>.Instance, new ConversationParticipants(_clock))
            .EraseAsync(Caller, Alice)).Erased!;

    private async Task<MemoryRecord> AddAsync(string text)
    {
        var memory = StoreHarness.Memory(Alice, text);
        await new LocalMemoryStore(_engine).AddAsync(Alice, memory, StoreHarness.Added(memory));
        return memory;
    }

    private AdminAudit Audit() => new(Log, _clock, NullLogger<AdminAudit>.Instance);

    private MemoryService Service(IMemoryStore store) => new(
        store,
        new LocalOperationStore(_engine),
        new FakeEmbeddingGenerator(),
        new HybridRanker(Options.Create(new RankingOptions()), _clock),
        _clock,
        NullLogger<MemoryService>.Instance,
        ApproximateTokenCounter.Instance,
        new ConversationParticipants(_clock));

    private LocalStorageEngine Open() =>
        LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _directory.Path }, null, _files, new AuditTrails(new AuditOptions(), _clock));

    private async Task ReopenAsync()
    {
        await _engine.DisposeAsync();
        _engine = Open();
    }

    /// <summary>Lets the export read its memories, then holds it before the history until the erase has finished.</summary>
    private sealed class PausingExportStore(IMemoryStore inner, TaskCompletionSource reached, Task resume) : DelegatingMemoryStore(inner)
    {
        public override async IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            reached.SetResult();
            await resume;
            await foreach (var history in base.ExportHistoryAsync(partition, cancellationToken))
            {
                yield return history;
            }
        }
    }
}
