using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Extract facts from the turns of operation <paramref name="OperationId"/>, read from the operation store.</summary>
public sealed record ExtractInput(string OperationId, MemoryPartition Partition);
