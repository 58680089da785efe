using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The orchestration input: which operation to run, in which partition, on which turns, and the partition
/// <paramref name="Epoch"/> it began in, which fences every memory write of the workflow.
/// </summary>
public sealed record IngestionWorkflowInput(string OperationId, MemoryPartition Partition, IngestionRequest Request, long Epoch)
{
    public static IngestionWorkflowInput For(MemoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(operation.Id, operation.Partition, operation.Request, operation.Epoch);
    }
}
