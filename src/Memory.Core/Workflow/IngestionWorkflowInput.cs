using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The orchestration input: which operation to run, in which partition, and the partition <paramref name="Epoch"/> it began
/// in, which fences every memory write of the workflow. The turns stay in the operation record; steps read them by this id.
/// </summary>
public sealed record IngestionWorkflowInput(string OperationId, MemoryPartition Partition, long Epoch)
{
    public static IngestionWorkflowInput For(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(operation.Id, operation.Partition, operation.Epoch);
    }
}
