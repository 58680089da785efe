using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The orchestration output. <paramref name="Status"/> is null when the operation no longer existed (its user was
/// erased) and the workflow stopped without doing anything.
/// </summary>
public sealed record IngestionWorkflowResult(OperationStatus? Status, IReadOnlyList<AppliedDecision> Decisions);
