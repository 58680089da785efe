using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The candidate facts and their vectors (same order), to be matched against the partition's current memories.</summary>
public sealed record FindSimilarInput(MemoryPartition Partition, IReadOnlyList<CandidateFact> Facts, IReadOnlyList<float[]> Vectors);
