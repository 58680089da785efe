namespace MemoryFunctions.Http.Contracts;

/// <summary>One page of memories; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next (null on the last page).</summary>
public sealed record MemoryListResponse(IReadOnlyList<MemoryResponse> Items, string? NextCursor);
