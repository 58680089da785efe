using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What the apply step writes: validated decisions over the facts (with their vectors, same order), scoped and tagged
/// like the request (<paramref name="AgentId"/>, <paramref name="SessionId"/>, <paramref name="Metadata"/>), every write fenced
/// with the partition <paramref name="Epoch"/> the operation began in.
/// </summary>
public sealed record ApplyInput(
    string OperationId,
    MemoryPartition Partition,
    long Epoch,
    IReadOnlyList<CandidateFact> Facts,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<ReconciliationDecision> Decisions,
    string? AgentId = null,
    string? SessionId = null,
    IReadOnlyDictionary<string, MetadataValue>? Metadata = null);
