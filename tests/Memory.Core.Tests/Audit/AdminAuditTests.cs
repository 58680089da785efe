using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Core.Tests.Audit;

public sealed class AdminAuditTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly AuditCaller Caller = new("key:ops", "4bf92f3577b34da6a3ce929d0e0e4736");
    private readonly InMemoryAuditLog _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_ActionSucceeds_RecordsStartBeforeItThenTheOutcomeUnderTheSameId()
    {
        AuditRecord? seenByAction = null;

        var result = await Audit().RunAsync(Caller, AuditAction.EraseUser, Alice, _ =>
        {
            seenByAction = Assert.Single(_log.Writes);
            _clock.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(7);
        }, count => $"memories={count}");

        Assert.Equal(7, result);
        Assert.Equal(AuditOutcome.Started, seenByAction!.Outcome);
        var outcome = _log.Writes[1];
        Assert.Equal(
            (seenByAction.Id, "t1", "alice", AuditAction.EraseUser, AuditOutcome.Succeeded, "key:ops", Caller.TraceId, _clock.GetUtcNow().AddSeconds(-2), _clock.GetUtcNow(), "memories=7"),
            (outcome.Id, outcome.TenantId, outcome.UserId, outcome.Action, outcome.Outcome, outcome.Actor, outcome.TraceId, outcome.StartedAt, outcome.CompletedAt, outcome.Detail));
    }

    [Fact]
    public async Task RunAsync_StartCannotBeRecorded_ActionNeverRunsAndTheFailureReachesTheCaller()
    {
        _log.OnWrite = _ => throw new StoreFailureException(StoreFailureKind.Full, "disk full");
        var ran = false;

        var failure = await Assert.ThrowsAsync<StoreFailureException>(() => Audit().RunAsync(Caller, AuditAction.EraseUser, Alice, _ =>
        {
            ran = true;
            return Task.FromResult(0);
        }, _ => string.Empty));

        Assert.False(ran);
        Assert.Equal(StoreFailureKind.Full, failure.Kind);
        Assert.Empty(_log.Writes);
    }

    [Fact]
    public async Task RunAsync_OutcomeCannotBeRecorded_ReturnsTheActionsResultAndTheStartStaysAsTheTrail()
    {
        _log.OnWrite = record =>
        {
            if (record.Outcome != AuditOutcome.Started)
            {
                throw new StoreFailureException(StoreFailureKind.Full, "disk full");
            }
        };

        var result = await Audit().RunAsync(Caller, AuditAction.EraseUser, Alice, _ => Task.FromResult(3), _ => "memories=3");

        Assert.Equal(3, result);
        Assert.Equal(AuditOutcome.Started, Assert.Single(await _log.ReadAsync("t1", 10)).Outcome);
    }

    [Theory]
    [InlineData("store", AuditOutcome.Refused, "Throttled")]
    [InlineData("bug", AuditOutcome.Failed, "InvalidOperationException")]
    [InlineData("cancelled", AuditOutcome.Failed, "Cancelled")]
    public async Task RunAsync_ActionThrows_RecordsWhyAndRethrows(string failure, AuditOutcome outcome, string detail)
    {
        using var cancelled = new CancellationTokenSource();
        Exception thrown = failure switch
        {
            "store" => new StoreFailureException(StoreFailureKind.Throttled, "429"),
            "bug" => new InvalidOperationException("bug"),
            _ => new OperationCanceledException(cancelled.Token),
        };

        var caught = await Assert.ThrowsAnyAsync<Exception>(() => Audit().RunAsync<int>(Caller, AuditAction.ExportUser, Alice, _ =>
        {
            cancelled.Cancel();
            throw thrown;
        }, _ => string.Empty, cancelled.Token));

        Assert.Same(thrown, caught);
        var recorded = Assert.Single(await _log.ReadAsync("t1", 10));
        Assert.Equal((AuditAction.ExportUser, outcome, detail), (recorded.Action, recorded.Outcome, recorded.Detail));
        Assert.NotNull(recorded.CompletedAt);
    }

    [Fact]
    public void Of_ErasureAndExport_CountsOnly()
    {
        Assert.Equal("memories=2 operations=1", AuditDetails.Of(new UserErasure(2, 1)));
        Assert.Equal("memories=0 history=0 operations=0", AuditDetails.Of(new UserExport("t1", "alice", _clock.GetUtcNow(), [], [], [])));
    }

    private AdminAudit Audit() => new(_log, _clock, NullLogger<AdminAudit>.Instance);
}
