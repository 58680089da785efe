using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Keep the turns of operation <paramref name="OperationId"/> (read from the operation store), every write fenced with the partition <paramref name="Epoch"/> it began in.</summary>
public sealed record KeepTurnsInput(string OperationId, MemoryPartition Partition, long Epoch);
