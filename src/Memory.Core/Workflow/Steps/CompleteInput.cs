using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

/// <param name="FactsOmitted">Facts the extract step left out past the cap; recorded on the operation.</param>
public sealed record CompleteInput(string OperationId, MemoryPartition Partition, IReadOnlyList<AppliedDecision> Decisions, TokenUsage Usage, int FactsOmitted = 0);
