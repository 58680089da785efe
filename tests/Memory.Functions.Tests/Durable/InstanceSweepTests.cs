using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>One pass of the erase's sweep over the task hub, against the documented answers of terminate, purge and query.</summary>
public sealed class InstanceSweepTests : IAsyncDisposable
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly ErasureStepInput Erase = new("t1", "alice", MemoryIds.ForErase(Alice, 5), 5);
    private readonly ScriptedTaskHubClient _client = new();
    private readonly InstanceSweep _sweep = new(NullLogger<InstanceSweep>.Instance);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task PassAsync_RunningInstanceOfAnErasedEpoch_TerminatedAndCountedLeftUntilItEndedAndWasPurged()
    {
        var running = MemoryIds.ForOperation(Alice, 4, "k1");
        _client.Add(running, OrchestrationRuntimeStatus.Running);

        var first = await _sweep.PassAsync(_client, Erase);
        _client.Stop(running);
        var second = await _sweep.PassAsync(_client, Erase);

        Assert.Equal((1, 0), (first, second));
        Assert.Equal([running], _client.Terminated);
        Assert.Empty(_client.Remaining);
    }

    [Fact]
    public async Task PassAsync_PurgeOfATerminalInstanceAnswersZero_CountedAsLeftNotAsDone()
    {
        var done = MemoryIds.NewOperation(Alice, 2, Guid.NewGuid());
        _client.Add(done, OrchestrationRuntimeStatus.Completed);
        _client.PurgeAnswersZero.Add(done);

        Assert.Equal(1, await _sweep.PassAsync(_client, Erase));
    }

    [Fact]
    public async Task PassAsync_InstanceRunningAgainWhenPurged_CountedAsLeft()
    {
        // Seen ended by the query, rescheduled by the time it is purged: the backend refuses (FailedPrecondition over gRPC).
        var rescheduled = MemoryIds.ForOperation(Alice, 3, "k2");
        _client.Add(rescheduled, OrchestrationRuntimeStatus.Failed);
        _client.RestartedBeforePurge.Add(rescheduled);

        Assert.Equal(1, await _sweep.PassAsync(_client, Erase));
        Assert.Contains(rescheduled, _client.Remaining);
    }

    [Fact]
    public async Task PassAsync_OnlyOlderEpochsOfThisUser_TheEraseItselfLaterWorkAndOtherUsersUntouched()
    {
        var later = MemoryIds.ForOperation(Alice, 5, "after-the-erase");
        var bobs = MemoryIds.ForOperation(new MemoryPartition("t1", "bob"), 1, "k1");
        var olderErase = MemoryIds.ForErase(Alice, 3);
        var runningOlderErase = MemoryIds.ForErase(Alice, 4);
        _client.Add(Erase.OperationId, OrchestrationRuntimeStatus.Running);
        _client.Add(later, OrchestrationRuntimeStatus.Running);
        _client.Add(bobs, OrchestrationRuntimeStatus.Completed);
        _client.Add(olderErase, OrchestrationRuntimeStatus.Completed);
        _client.Add(runningOlderErase, OrchestrationRuntimeStatus.Running);

        var left = await _sweep.PassAsync(_client, Erase);

        // An older erase still running holds ids, not conversation: it is left to finish and record its outcome.
        Assert.Equal(0, left);
        Assert.Empty(_client.Terminated);
        Assert.Equal(new[] { Erase.OperationId, later, bobs, runningOlderErase }.Order(), _client.Remaining.Order());
    }
}
