using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// What the apply step writes: validated decisions over the facts (with their vectors, same order), scoped and tagged
/// like the request (<paramref name="AgentId"/>, <paramref name="SessionId"/>, <paramref name="Metadata"/>).
/// </summary>
public sealed record ApplyInput(
    string OperationId,
    MemoryPartition Partition,
    IReadOnlyList<CandidateFact> Facts,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<ReconciliationDecision> Decisions,
    string? AgentId = null,
    string? SessionId = null,
    IReadOnlyDictionary<string, MetadataValue>? Metadata = null);
