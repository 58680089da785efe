namespace MemoryFunctions.Http.Contracts;

/// <summary>One page of a tenant's users in user-id order; pass <see cref="NextCursor"/> back as <c>cursor</c> (null on the last page).</summary>
public sealed record UserListResponse(IReadOnlyList<UserSummaryResponse> Items, string? NextCursor);
