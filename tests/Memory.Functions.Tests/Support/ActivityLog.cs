using System.Collections.Concurrent;
using System.Text;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// Every activity execution the engine made: instance, step, and its serialized input and result, which are exactly the
/// payloads the orchestration history records for a step (TaskScheduled input, TaskCompleted result).
/// </summary>
internal sealed class ActivityLog
{
    private readonly ConcurrentQueue<ActivityRun> _runs = new();

    public void Add(ActivityRun run) => _runs.Enqueue(run);

    public IReadOnlyList<ActivityRun> Of(string instanceId) => [.. _runs.Where(run => run.InstanceId == instanceId)];
}

internal sealed record ActivityRun(string InstanceId, string Step, string Input, string Output)
{
    public int InputBytes => Encoding.UTF8.GetByteCount(Input);

    public int OutputBytes => Encoding.UTF8.GetByteCount(Output);
}
