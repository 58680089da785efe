using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The orchestration output. <paramref name="Status"/> is <see cref="OperationStatus.Cancelled"/> (or null when nothing of
/// the operation remained) when its user was erased and the workflow stopped at a boundary.
/// </summary>
public sealed record IngestionWorkflowResult(OperationStatus? Status, IReadOnlyList<AppliedDecision> Decisions);
