namespace MemoryFunctions.Core.Operations;

public enum OperationStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
