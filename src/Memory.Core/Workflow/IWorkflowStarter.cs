using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// Starts the ingestion workflow for a persisted operation: the local runner queues it in-process, the Durable
/// implementation schedules an orchestration whose instance id is the operation id (so a second start is a no-op).
/// </summary>
public interface IWorkflowStarter
{
    Task StartAsync(MemoryOperation operation, CancellationToken cancellationToken = default);
}
