namespace MemoryFunctions.Core.Operations;

public enum OperationStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,

    /// <summary>Ended before it finished because its user was erased; <see cref="MemoryOperation.Error"/> says so.</summary>
    Cancelled,
}
