namespace MemoryFunctions.Http.Contracts;

/// <summary>One page of a user's operations, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> (null on the last page).</summary>
public sealed record OperationListResponse(IReadOnlyList<OperationResponse> Items, string? NextCursor);
