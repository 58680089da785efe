using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// A task hub client over a scripted list of instances, for the erase's sweep: the query filters by prefix (ordinal, as the
/// Azure Storage backend's table range query does), terminating a completed instance does nothing and a running one is only
/// asked to stop (it ends when <see cref="Stop"/> is called, as a worker would process the message), and purging follows
/// <c>DurableTaskClient.PurgeInstanceAsync</c>'s documented answers: 0 for an unknown id, FailedPrecondition
/// (<see cref="InvalidOperationException"/> over gRPC) for one not terminal. <see cref="PurgeAnswersZero"/> scripts a backend
/// that reports nothing purged for a terminal instance.
/// </summary>
internal sealed class ScriptedTaskHubClient() : DurableTaskClient("scripted")
{
    private readonly Dictionary<string, OrchestrationRuntimeStatus> _instances = new(StringComparer.Ordinal);

    public List<string> Terminated { get; } = [];

    public HashSet<string> PurgeAnswersZero { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances rescheduled between the query that saw them ended and the purge: running again when purged.</summary>
    public HashSet<string> RestartedBeforePurge { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Remaining => _instances.Keys;

    public void Add(string instanceId, OrchestrationRuntimeStatus status) => _instances[instanceId] = status;

    /// <summary>The worker processes the terminate message: a terminated running instance reaches Terminated.</summary>
    public void Stop(string instanceId) => _instances[instanceId] = OrchestrationRuntimeStatus.Terminated;

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create((string? continuation, int? pageSize, CancellationToken cancellation) => Task.FromResult(new Page<OrchestrationMetadata>(
            [.. _instances
                .Where(pair => filter?.InstanceIdPrefix is not { } prefix || pair.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(pair => new OrchestrationMetadata("orchestrator", pair.Key) { RuntimeStatus = pair.Value })],
            null)));

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        Terminated.Add(instanceId);
        return Task.CompletedTask;
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (RestartedBeforePurge.Remove(instanceId))
        {
            _instances[instanceId] = OrchestrationRuntimeStatus.Running;
        }

        if (!_instances.TryGetValue(instanceId, out var status) || PurgeAnswersZero.Contains(instanceId))
        {
            return Task.FromResult(new PurgeResult(0));
        }

        if (status is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            throw new InvalidOperationException($"Instance {instanceId} is {status}, not terminal.");
        }

        _instances.Remove(instanceId);
        return Task.FromResult(new PurgeResult(1));
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var status) ? new OrchestrationMetadata("orchestrator", instanceId) { RuntimeStatus = status } : null);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
