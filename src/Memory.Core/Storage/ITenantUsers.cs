namespace MemoryFunctions.Core.Storage;

/// <summary>
/// The users a tenant holds, for the tenant-wide listing (<c>GET /api/users</c>) and the inspector's user picker. A user is
/// a partition holding a live memory or an ingestion that an erase did not end: a partition only read, or erased with
/// nothing written since, is not one (the rule <see cref="ITenantUsage"/>'s user count follows).
/// </summary>
public interface ITenantUsers
{
    /// <summary>
    /// Up to <paramref name="pageSize"/> user ids of <paramref name="tenantId"/> in ordinal order, after
    /// <paramref name="afterUserId"/> (null: from the start). The continuation token is the page's last user id, null when
    /// no more follow.
    /// </summary>
    Task<Page<string>> ListUsersAsync(string tenantId, int pageSize, string? afterUserId, CancellationToken cancellationToken = default);
}
