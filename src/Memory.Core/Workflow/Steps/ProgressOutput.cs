using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The operation's status after the progress write: <see cref="OperationStatus.Cancelled"/> when its user was erased (null
/// when nothing of it remains).
/// </summary>
public sealed record ProgressOutput(OperationStatus? Status)
{
    /// <summary>Only a running operation goes on: a finished one was completed by an earlier run or cancelled by an erase.</summary>
    public bool ShouldContinue => Status == OperationStatus.Running;
}
