using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Workflow;

/// <summary>Each fact with its neighbours, in fact order. Neighbours carry no embedding, to keep step payloads small.</summary>
public sealed record FindSimilarOutput(IReadOnlyList<FactWithNeighbours> Facts);
