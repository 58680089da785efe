using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Http.Endpoints;

/// <summary>The parsed query string of <c>GET /api/users/{userId}/memories</c>.</summary>
public sealed record ListMemoriesQuery(MemoryFilter Filter, int PageSize, string? ContinuationToken, bool IncludeEmbedding);
