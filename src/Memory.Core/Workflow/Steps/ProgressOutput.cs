using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The operation's status after the progress write; null when the operation is gone (its user was erased).</summary>
public sealed record ProgressOutput(OperationStatus? Status)
{
    /// <summary>Only a running operation goes on: a finished one was completed by an earlier run, a missing one was erased.</summary>
    public bool ShouldContinue => Status == OperationStatus.Running;
}
