using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

public sealed record ExtractInput(string OperationId, MemoryPartition Partition, IngestionRequest Request);
