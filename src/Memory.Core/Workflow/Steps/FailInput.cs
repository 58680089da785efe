using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;

namespace MemoryFunctions.Core.Workflow;

public sealed record FailInput(string OperationId, MemoryPartition Partition, OperationError Error, TokenUsage Usage);
