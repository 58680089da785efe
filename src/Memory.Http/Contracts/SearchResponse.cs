namespace MemoryFunctions.Http.Contracts;

/// <summary>Search results, best first.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResultResponse> Results);
