using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The orchestration input: which operation to run, in which partition, on which turns.</summary>
public sealed record IngestionWorkflowInput(string OperationId, MemoryPartition Partition, IngestionRequest Request);
