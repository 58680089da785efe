using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

public sealed record DecideInput(string OperationId, IReadOnlyList<FactWithNeighbours> Facts);
