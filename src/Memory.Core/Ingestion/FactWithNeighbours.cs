namespace MemoryFunctions.Core.Ingestion;

/// <summary>A candidate fact and the existing memories of the same partition most similar to it.</summary>
public sealed record FactWithNeighbours(CandidateFact Fact, IReadOnlyList<SimilarMemory> Neighbours);
