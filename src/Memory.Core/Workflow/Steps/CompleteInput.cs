using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

public sealed record CompleteInput(string OperationId, MemoryPartition Partition, IReadOnlyList<AppliedDecision> Decisions, TokenUsage Usage);
