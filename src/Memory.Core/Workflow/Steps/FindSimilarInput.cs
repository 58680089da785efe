using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>
/// The candidate facts and their vectors (same order), to be matched against the partition's current memories.
/// <paramref name="OperationId"/> lets a re-run see memories its own interrupted run already ended as they were before;
/// <paramref name="AgentId"/> scopes the ids of the request's own facts, which are offered to later facts as neighbours.
/// </summary>
public sealed record FindSimilarInput(string OperationId, MemoryPartition Partition, IReadOnlyList<CandidateFact> Facts, IReadOnlyList<float[]> Vectors, string? AgentId = null);
