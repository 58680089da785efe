using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// Told when a runner has finished an operation (succeeded, failed or cancelled), so that a host can report it (the local
/// server's completion callbacks). Must return at once: the runner's worker calls it and must not wait on delivery.
/// </summary>
public interface IOperationFinishedListener
{
    void OperationFinished(MemoryPartition partition, string operationId);
}
