using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Search;

/// <summary>What a store needs to produce hybrid candidates: the query's embedding and text, the filter, and how many per channel.</summary>
public sealed record MemorySearchQuery(float[] Vector, string Text, MemoryFilter Filter, int CandidateCount);
