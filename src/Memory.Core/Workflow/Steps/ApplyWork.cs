using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The apply step's own view of its work, made inside the step: the decisions and facts it was given, the facts' vectors
/// (same order) and the request's scope (<paramref name="AgentId"/>, <paramref name="SessionId"/>, <paramref name="Metadata"/>).
/// </summary>
internal sealed record ApplyWork(
    string OperationId,
    MemoryPartition Partition,
    long Epoch,
    IReadOnlyList<CandidateFact> Facts,
    IReadOnlyList<float[]> Vectors,
    IReadOnlyList<ReconciliationDecision> Decisions,
    string? AgentId,
    string? SessionId,
    IReadOnlyDictionary<string, MetadataValue>? Metadata);
