using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Ingestion;

/// <summary>An existing memory close to a candidate fact, with its cosine similarity to the fact.</summary>
public sealed record SimilarMemory(MemoryRecord Memory, double Similarity);
