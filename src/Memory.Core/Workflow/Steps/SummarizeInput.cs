using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Folds the request's turns into the session summary and the applied changes into the user profile, when due.</summary>
public sealed record SummarizeInput(string OperationId, MemoryPartition Partition, long Epoch, IngestionRequest Request, IReadOnlyList<string> ProfileChanges);
