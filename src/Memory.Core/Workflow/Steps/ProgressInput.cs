using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Marks the operation running and records the phase under way (<paramref name="Done"/> of <paramref name="Total"/> phases done).</summary>
public sealed record ProgressInput(string OperationId, MemoryPartition Partition, string Phase, int Done, int Total);
