using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>The turns to keep, every write fenced with the partition <paramref name="Epoch"/> the operation began in.</summary>
public sealed record KeepTurnsInput(string OperationId, MemoryPartition Partition, long Epoch, IngestionRequest Request);
