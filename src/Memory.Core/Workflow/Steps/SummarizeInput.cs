using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Folds the operation's turns (read from the operation store) into the session summary and the applied changes into the user profile, when due.</summary>
public sealed record SummarizeInput(string OperationId, MemoryPartition Partition, long Epoch, IReadOnlyList<string> ProfileChanges);
