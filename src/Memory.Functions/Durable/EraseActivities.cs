using MemoryFunctions.Core.Erasure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The erase orchestration's activities, in the shape of <see cref="IngestionActivities"/> (static functions resolving their
/// work from the invocation's services): Core's <see cref="ErasureSteps"/> (count, delete a chunk, finish) and a pass of the
/// <see cref="InstanceSweep"/>, which needs the task hub's client (bound per invocation, as every trigger here binds it).
/// Activities run at least once; each step is idempotent.
/// </summary>
public static class EraseActivities
{
    public const string Count = "Erase_Count";
    public const string Delete = "Erase_Delete";
    public const string Sweep = "Erase_Sweep";
    public const string Finish = "Erase_Finish";

    /// <summary>Every activity name of the erase, for the tests that hold the declared functions to their tables.</summary>
    public static IReadOnlyList<string> Names { get; } = [Count, Delete, Sweep, Finish];

    [Function(Count)]
    public static async Task<bool> CountAsync([ActivityTrigger] ErasureStepInput input, FunctionContext context)
    {
        await Steps(context).CountAsync(input, context.CancellationToken);
        return true;
    }

    /// <summary>True when nothing of the erased epochs is left in the store.</summary>
    [Function(Delete)]
    public static Task<bool> DeleteAsync([ActivityTrigger] ErasureStepInput input, FunctionContext context) =>
        Steps(context).DeleteAsync(input, context.CancellationToken);

    /// <summary>The user's instances of the erased epochs still in the task hub after this pass.</summary>
    [Function(Sweep)]
    public static Task<int> SweepAsync([ActivityTrigger] ErasureStepInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<InstanceSweep>().PassAsync(client, input, context.CancellationToken);
    }

    [Function(Finish)]
    public static async Task<bool> FinishAsync([ActivityTrigger] ErasureEnd end, FunctionContext context)
    {
        await Steps(context).FinishAsync(end, context.CancellationToken);
        return true;
    }

    private static ErasureSteps Steps(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<ErasureSteps>();
    }
}
