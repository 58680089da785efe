using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Decide what each fact of operation <paramref name="OperationId"/> does to the partition's memories.</summary>
public sealed record ReconcileInput(string OperationId, MemoryPartition Partition, IReadOnlyList<CandidateFact> Facts);
