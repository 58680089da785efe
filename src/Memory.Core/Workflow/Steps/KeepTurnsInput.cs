using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

public sealed record KeepTurnsInput(string OperationId, MemoryPartition Partition, IngestionRequest Request);
