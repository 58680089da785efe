using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Storage;
using MemoryFunctions.Local.Tests.Storage;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Local.Tests.Audit;

/// <summary>Audit records on the real engine and real files: outside every partition, bounded, durable.</summary>
public sealed class LocalAuditLogTests : IAsyncDisposable
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Dan = new("t2", "dan");
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(StoreHarness.T0);
    private readonly AuditOptions _options = new() { RetentionDays = 30, MaxRecordsPerActor = 100 };
    private LocalStorageEngine _engine;

    public LocalAuditLogTests() => _engine = Open();

    private LocalAuditLog Audit => new(_engine);

    [Fact]
    public async Task Write_ThenTheUserIsErasedRestartedAndCompacted_RecordSurvivesAndTheUserDoesNot()
    {
        var memory = StoreHarness.Memory(Alice, "Alice's secret recipe");
        await new LocalMemoryStore(_engine).AddAsync(Alice, memory, StoreHarness.Added(memory));
        var record = Record(Alice, "a1", AuditOutcome.Succeeded);
        await Audit.WriteAsync(record);

        await new LocalMemoryStore(_engine).EraseAsync(Alice);
        await ReopenAsync();
        await _engine.CompactAsync();
        await ReopenAsync();

        Assert.Equal([record], await Audit.ReadAsync("t1", 10));
        Assert.Null(await new LocalMemoryStore(_engine).GetAsync(Alice, memory.Id));
    }

    [Fact]
    public async Task Write_OutcomeWithTheStartsId_ReplacesTheStartAcrossRestart()
    {
        var started = Record(Alice, "a1", AuditOutcome.Started);
        await Audit.WriteAsync(started);
        await Audit.WriteAsync(started with { Outcome = AuditOutcome.Succeeded, CompletedAt = StoreHarness.T0.AddSeconds(1), Detail = "memories=1 operations=0" });

        await ReopenAsync();

        var only = Assert.Single(await Audit.ReadAsync("t1", 10));
        Assert.Equal((AuditOutcome.Succeeded, "memories=1 operations=0"), (only.Outcome, only.Detail));
    }

    [Fact]
    public async Task Read_ManyRecords_NewestFirstWithinLimitAndOnlyTheTenantAsked()
    {
        for (var i = 0; i < 5; i++)
        {
            await Audit.WriteAsync(Record(Alice, $"a{i}", AuditOutcome.Succeeded, StoreHarness.T0.AddMinutes(i)));
        }

        await Audit.WriteAsync(Record(Dan, "d0", AuditOutcome.Succeeded));

        Assert.Equal(["a4", "a3", "a2"], (await Audit.ReadAsync("t1", 3)).Select(r => r.Id));
        Assert.Equal(["d0"], (await Audit.ReadAsync("t2", 10)).Select(r => r.Id));
        Assert.Empty(await Audit.ReadAsync("t3", 10));
    }

    [Fact]
    public async Task Write_PastTheCap_DropsOnlyThatActorsOldestOfThatActionAndARestartAgrees()
    {
        await Audit.WriteAsync(Record(Dan, "d0", AuditOutcome.Succeeded, StoreHarness.T0.AddDays(-1)));
        await Audit.WriteAsync(Record(Alice, "other-actor", AuditOutcome.Succeeded, StoreHarness.T0.AddDays(-1)) with { Actor = "key:other" });
        for (var i = 0; i < 130; i++)
        {
            await Audit.WriteAsync(Record(Alice, $"a{i:D3}", AuditOutcome.Succeeded, StoreHarness.T0.AddSeconds(i)));
        }

        var before = (await Audit.ReadAsync("t1", 1000)).Select(r => r.Id).ToList();
        await ReopenAsync();
        var after = (await Audit.ReadAsync("t1", 1000)).Select(r => r.Id).ToList();

        Assert.Equal(101, before.Count);
        Assert.Equal(("a129", "a030", "other-actor"), (before[0], before[^2], before[^1]));
        Assert.Equal(before, after);
        Assert.Single(await Audit.ReadAsync("t2", 10));
    }

    [Fact]
    public async Task Write_AUsersOwnKeyExportsPastTheCap_TheAdminsEraseRecordStaysUntilRetention()
    {
        // Issue 25, symptom 4: with the cap at its minimum, a key bound to one user exporting itself 100 times pushed the
        // tenant's eraseUser record out. Now only that key's own export records go.
        var erase = Record(Alice, "erase-bob", AuditOutcome.Succeeded) with { UserId = "bob", Actor = "key:admin" };
        await Audit.WriteAsync(erase);
        for (var i = 0; i < 3 * _options.MaxRecordsPerActor; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            var export = Record(Alice, $"export-{i:D4}", AuditOutcome.Succeeded, _clock.GetUtcNow()) with { Action = AuditAction.ExportUser, Actor = "key:alice-self" };
            await Audit.WriteAsync(export);
        }

        await ReopenAsync();
        await _engine.CompactAsync();
        await ReopenAsync();

        var trail = await Audit.ReadAsync("t1", 10_000);
        Assert.Contains(erase, trail);
        Assert.Equal(_options.MaxRecordsPerActor, trail.Count(record => record.Action == AuditAction.ExportUser));

        // Its retention still ends it.
        _clock.Advance(TimeSpan.FromDays(_options.RetentionDays));
        Assert.DoesNotContain(erase, await Audit.ReadAsync("t1", 10_000));
    }

    [Fact]
    public async Task Read_PastRetention_IsNotReadAndTheNextSnapshotLeavesItOut()
    {
        await Audit.WriteAsync(Record(Alice, "old", AuditOutcome.Succeeded, StoreHarness.T0));
        _clock.Advance(TimeSpan.FromDays(20));
        await Audit.WriteAsync(Record(Alice, "recent", AuditOutcome.Succeeded, _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromDays(15));

        Assert.Equal(["recent"], (await Audit.ReadAsync("t1", 10)).Select(r => r.Id));
        await _engine.CompactAsync();
        _clock.SetUtcNow(StoreHarness.T0);
        await ReopenAsync();

        // Read at the old time again: only a record that left the files can be missing now.
        Assert.Equal(["recent"], (await Audit.ReadAsync("t1", 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task RepairAsync_ConfiguredBounds_ApplyToTheSalvagedTrail()
    {
        await Audit.WriteAsync(Record(Alice, "old", AuditOutcome.Succeeded, StoreHarness.T0));
        _clock.Advance(TimeSpan.FromDays(20));
        await Audit.WriteAsync(Record(Alice, "recent", AuditOutcome.Succeeded, _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromDays(15));
        await _engine.DisposeAsync();

        // It used the default bounds (400 days), so the repair's snapshot kept what the configured 30 days had dropped.
        await LocalStorageEngine.RepairAsync(new LocalStoreOptions { DataDirectory = _directory.Path }, _options, _clock);
        _clock.SetUtcNow(StoreHarness.T0);
        _engine = Open();

        Assert.Equal(["recent"], (await Audit.ReadAsync("t1", 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Write_DiskFull_RefusedWithStoreFullAndAcceptedOnceSpaceReturns()
    {
        var files = new FaultyDataFiles();
        await _engine.DisposeAsync();
        _engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _directory.Path }, null, files, new AuditTrails(_options, _clock));
        files.FreeBytes = 10;

        var refused = await Assert.ThrowsAsync<Core.Storage.StoreFailureException>(() => Audit.WriteAsync(Record(Alice, "a1", AuditOutcome.Started)));
        Assert.Empty(await Audit.ReadAsync("t1", 10));
        files.FreeBytes = null;
        await Audit.WriteAsync(Record(Alice, "a1", AuditOutcome.Started));

        Assert.Equal(Core.Storage.StoreFailureKind.Full, refused.Kind);
        Assert.Single(await Audit.ReadAsync("t1", 10));
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        _directory.Dispose();
    }

    internal static AuditRecord Record(MemoryPartition partition, string id, AuditOutcome outcome, DateTimeOffset? startedAt = null) =>
        new(id, partition.TenantId, partition.UserId, AuditAction.EraseUser, outcome, "key:ops", "trace-1", startedAt ?? StoreHarness.T0, null, null);

    private LocalStorageEngine Open() => LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = _directory.Path }, _options, _clock);

    private async Task ReopenAsync()
    {
        await _engine.DisposeAsync();
        _engine = Open();
    }
}
