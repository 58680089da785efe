using MemoryFunctions.Core.Erasure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The erase orchestration's activities: Core's <see cref="ErasureSteps"/> (count, delete a chunk, finish) and a pass of
/// the <see cref="InstanceSweep"/>, which needs the task hub's client (bound per invocation, as every trigger here binds it).
/// Activities run at least once; each step is idempotent.
/// </summary>
public sealed class EraseActivities(ErasureSteps steps, InstanceSweep sweep)
{
    public const string Count = "Erase_Count";
    public const string Delete = "Erase_Delete";
    public const string Sweep = "Erase_Sweep";
    public const string Finish = "Erase_Finish";

    /// <summary>Every activity name of the erase, for the tests that hold the declared functions to their tables.</summary>
    public static IReadOnlyList<string> Names { get; } = [Count, Delete, Sweep, Finish];

    [Function(Count)]
    public async Task<bool> CountAsync([ActivityTrigger] ErasureStepInput input, CancellationToken cancellationToken)
    {
        await steps.CountAsync(input, cancellationToken);
        return true;
    }

    /// <summary>True when nothing of the erased epochs is left in the store.</summary>
    [Function(Delete)]
    public Task<bool> DeleteAsync([ActivityTrigger] ErasureStepInput input, CancellationToken cancellationToken) =>
        steps.DeleteAsync(input, cancellationToken);

    /// <summary>The user's instances of the erased epochs still in the task hub after this pass.</summary>
    [Function(Sweep)]
    public Task<int> SweepAsync([ActivityTrigger] ErasureStepInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        sweep.PassAsync(client, input, cancellationToken);

    [Function(Finish)]
    public async Task<bool> FinishAsync([ActivityTrigger] ErasureEnd end, CancellationToken cancellationToken)
    {
        await steps.FinishAsync(end, cancellationToken);
        return true;
    }
}
