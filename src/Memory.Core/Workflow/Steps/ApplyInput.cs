using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What the apply step writes: validated decisions over the facts, every write fenced with the partition
/// <paramref name="Epoch"/> the operation began in. The facts' vectors and the request's scope (agent, session, metadata)
/// are not carried: the step embeds the facts and reads the request itself, so neither crosses orchestration history.
/// </summary>
public sealed record ApplyInput(
    string OperationId,
    MemoryPartition Partition,
    long Epoch,
    IReadOnlyList<CandidateFact> Facts,
    IReadOnlyList<ReconciliationDecision> Decisions);
